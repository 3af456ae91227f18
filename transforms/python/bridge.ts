// Sync callers of a function that becomes async in place (under `--api
// replace`, or an entry point / nested function that has no sync twin) keep
// working by calling it through asgiref's async_to_sync. Only calls are
// bridged: a function passed as a value (a signal receiver, a sort key) keeps
// its identity only if it stays sync, so those pin the function instead.
import type { GraphEdge, GraphFunction } from '../core/plan.js';
import type { ImportRequest, TextEdit } from '../core/types.js';
import type { PyCallSite } from './callgraph.js';
import { field } from './parser.js';
import type { PyModule } from './project.js';

/** Stops whose code runs in a worker thread (the block moves into sync_to_async whole), where async_to_sync works. */
const THREAD_STOPS = new Set(['transaction-atomic', 'file-io-block', 'sync-block']);
/** Stops that cannot await but run wherever their enclosing code runs. */
const INLINE_STOPS = new Set(['lambda', 'generator-expression', 'default-argument']);
/**
 * Sync callers that async code may run on the event loop's own thread, where
 * async_to_sync raises: a dunder (`str(obj)`, `obj == x`), a property read, a
 * nested function handed to other code, and what Django runs while an async
 * view renders a template (context processors, template tags and filters,
 * template loaders) or resolves its URL (path converters), and logging
 * handlers (a log call in async code emits on the loop's thread). Their callee
 * stays sync instead.
 */
const LOOP_THREAD_CALLERS = new Set(['dunder', 'property', 'callback', 'context-processor', 'template-tag', 'template-loader', 'url-converter', 'logging-hook']);

/**
 * Sync callers whose `request` is not Django's: Django REST framework hands its own Request,
 * whose user is DRF's authenticated user, while async code loads the session user
 * (`request.auser()`). Their callee stays sync instead of being bridged. So do methods of a class
 * deriving from a base awaitify cannot see: it may be DRF's (drf-writable-nested's serializers are).
 */
const OWN_REQUEST_CALLERS = new Set(['drf', 'external-base']);

export interface BridgeReason {
  kind: string;
  reason: string;
}

/**
 * Why this call site must stay synchronous and can be bridged with
 * async_to_sync, or undefined when it cannot be (it can await, or the
 * function is used as a value). `syncCaller` is the caller's reason to stay
 * sync when it has one; module top-level code has no caller.
 */
export function bridgeReason(cs: PyCallSite, syncCaller: BridgeReason | undefined): BridgeReason | undefined {
  if (cs.node.type !== 'call') return undefined;
  const e = cs.edge;
  const topLevel = !cs.caller;
  const callerReason = topLevel
    ? { kind: 'module-top-level', reason: 'called from module top-level code, which cannot await' }
    : syncCaller && !LOOP_THREAD_CALLERS.has(syncCaller.kind) && !OWN_REQUEST_CALLERS.has(syncCaller.kind)
      ? syncCaller
      : undefined;
  if (e.mode === 'await') return callerReason;
  if (e.mode !== 'stop' || !e.stopKind) return undefined;
  if (THREAD_STOPS.has(e.stopKind)) return { kind: e.stopKind, reason: e.stopReason ?? 'the block runs synchronously in a thread' };
  // A lambda or generator inside code that becomes async runs on the event loop's thread,
  // where async_to_sync raises; inside code that stays sync it is like any sync caller.
  if (INLINE_STOPS.has(e.stopKind) && callerReason) return { kind: e.stopKind, reason: `${e.stopReason ?? 'it cannot await'}, in code that stays sync` };
  return undefined;
}

/**
 * The planner's graph for `--api replace`: bridgeable edges into functions
 * that are reachable anyway become 'detached', so they no longer pin the
 * callee. Edges into functions that are not reachable keep their mode, so
 * reachability (and with it which functions change) stays the same.
 */
export function replaceGraphEdges(edges: GraphEdge[], bridgeable: Set<GraphEdge>, reachable: Set<string>): GraphEdge[] {
  return edges.map((e) => (bridgeable.has(e) && (e.mode !== 'stop' || reachable.has(e.to)) ? { ...e, mode: 'detached' as const } : e));
}

/** Functions reachable from entry points through edges that are not 'stop' (what the planner seeds from). */
export function reachableFunctions(functions: GraphFunction[], edges: GraphEdge[], entry: string, isEntry: (f: GraphFunction) => boolean): Set<string> {
  const out = new Set<string>();
  if (entry === 'all') {
    for (const f of functions) out.add(f.id);
    return out;
  }
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    if (e.from === null) continue;
    const list = outgoing.get(e.from) ?? [];
    list.push(e);
    outgoing.set(e.from, list);
  }
  const stack = functions.filter(isEntry).map((f) => f.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const e of outgoing.get(id) ?? []) if (e.mode !== 'stop') stack.push(e.to);
  }
  return out;
}

/** `f(args)` → `async_to_sync(f)(args)`, with the import in the module's own alias. */
export function bridgeEdits(cs: PyCallSite): { edits: TextEdit[]; imports: ImportRequest[]; callee: string } {
  const callee = field(cs.node, 'function')!;
  const local = importLocal(cs.module, 'asgiref.sync', 'async_to_sync');
  return {
    callee: callee.text,
    edits: [
      { start: callee.startIndex, end: callee.startIndex, text: `${local}(` },
      { start: callee.endIndex, end: callee.endIndex, text: ')' },
    ],
    imports: [{ module: 'asgiref.sync', kind: 'named', name: 'async_to_sync', local }],
  };
}

function importLocal(module: PyModule, moduleName: string, name: string): string {
  for (const imp of module.imports.values()) if (imp.module === moduleName && imp.name === name) return imp.local;
  return name;
}
