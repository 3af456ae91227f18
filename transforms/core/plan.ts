// planAsyncPropagation: the language-neutral fixed point that decides which
// functions become async. Adapters build the call graph; this module decides.
import { outsideScopeBoundary, outsideScopeFunction } from './scope.js';
import type { ApiPolicy, AwaitLink, EntryPolicy, FunctionSpan, MigrationPlan, PlanBoundary, PlanFunction, PlanSite } from './types.js';

export interface GraphFunction {
  id: string;
  path: string;
  name: string;
  line: number;
  /** Where the function starts and ends, 1-based (its extent: the findings inside belong to its migration unit). */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Framework label when the function is an entry point (a handler). */
  entry?: string;
  alreadyAsync: boolean;
  /** Number of blocking calls in the body whose rewrite will be applied. */
  seeds: number;
  /** Set when the function itself cannot be async (constructor, getter, `__str__`, ...). */
  cannotBeAsync?: { kind: string; reason: string };
}

/**
 * A reference from one function to another.
 * - 'await':    the caller must await the callee when it becomes async (a call,
 *               or a forEach/map callback the adapter restructures);
 * - 'detached': the callee is handed to code that accepts an async function and
 *               needs nothing back (a route handler, a test body, a timer);
 * - 'stop':     the caller needs a sync result here and cannot await (a sort
 *               comparator, a sync-only listener, module top level).
 */
export interface GraphEdge {
  /** Caller id; null for module top-level code. */
  from: string | null;
  to: string;
  site: PlanSite;
  mode: 'await' | 'detached' | 'stop';
  stopKind?: string;
  stopReason?: string;
}

export interface CallGraph {
  functions: GraphFunction[];
  edges: GraphEdge[];
}

export interface PropagationOptions {
  entry: EntryPolicy;
  /** 'replace' pins a function whose caller must stay sync; 'twin' keeps a sync twin beside the async one. */
  api: ApiPolicy;
  /** For a glob entry policy: whether a function matches it. */
  matchesEntryGlob?(fn: GraphFunction): boolean;
  /**
   * The write scope (paths relative to the root; see AdapterRunContext.scope).
   * A function outside it never changes; a call from outside it of a function
   * inside it cannot gain `await`, so it pins that function (`replace`) or
   * keeps a sync twin for it (`twin`), with a boundary of kind 'outside-scope'
   * that names the call. Undefined: every file is in scope.
   */
  scope?: ReadonlySet<string>;
}

export interface PropagationResult {
  /** Functions that become async (not those already async). */
  async: Map<string, PlanFunction>;
  /** Functions (new or already async) whose blocking calls are rewritten. */
  rewriteIn: Set<string>;
  /** Edges where an await is inserted. */
  awaitEdges: GraphEdge[];
  /** Functions that would need to become async but must stay sync, with the reason. */
  pinned: Map<string, PlanBoundary>;
  /** Every place propagation stopped. */
  boundaries: PlanBoundary[];
  /** Entry points found. */
  entries: GraphFunction[];
  /** Functions reachable from an entry point (all of them under `entry: 'all'`). */
  reachable: Set<string>;
}

/**
 * A function becomes async when it must await something: it holds a blocking
 * call that is rewritten and is reachable from an entry point, or it calls
 * (with mode 'await') a function that became async. Under `api: 'replace'`,
 * a function whose caller cannot await it (a 'stop' edge, a caller that
 * cannot be async, top-level code) stays sync and so does everything that
 * depends on it, so no existing caller is broken. Under `api: 'twin'` it
 * becomes async and keeps a sync twin for those callers.
 */
export function planAsyncPropagation(graph: CallGraph, options: PropagationOptions): PropagationResult {
  const byId = new Map(graph.functions.map((f) => [f.id, f]));
  const scope = options.scope;
  const outside = (file: string) => scope !== undefined && !scope.has(file);
  const cannot = (f: GraphFunction) => f.cannotBeAsync ?? (outside(f.path) ? outsideScopeFunction(f.path) : undefined);
  const stopsAt = (e: GraphEdge) => blockingCaller(e, byId, pinned, outside);
  const incoming = new Map<string, GraphEdge[]>();
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    if (!byId.has(edge.to)) continue;
    push(incoming, edge.to, edge);
    if (edge.from !== null) push(outgoing, edge.from, edge);
  }

  const entries = graph.functions.filter((f) =>
    options.entry === 'handlers' ? Boolean(f.entry) : options.entry === 'all' ? Boolean(f.entry) : Boolean(f.entry) || Boolean(options.matchesEntryGlob?.(f)),
  );

  // Functions reachable from an entry point: their blocking calls are seeds.
  const reachable = new Set<string>();
  if (options.entry === 'all') {
    for (const f of graph.functions) reachable.add(f.id);
  } else {
    const stack = entries.map((f) => f.id);
    while (stack.length) {
      const id = stack.pop()!;
      if (reachable.has(id)) continue;
      reachable.add(id);
      for (const e of outgoing.get(id) ?? []) if (e.mode !== 'stop') stack.push(e.to);
    }
  }

  const pinned = new Map<string, PlanBoundary>();
  const twins = new Set<string>();
  let asyncSet = new Map<string, PlanFunction>();

  // Fixed point: compute the async closure, pin what cannot change, repeat.
  for (;;) {
    asyncSet = new Map();
    const work: string[] = [];
    for (const f of graph.functions) {
      if (f.seeds > 0 && reachable.has(f.id) && !f.alreadyAsync && !pinned.has(f.id) && !cannot(f)) {
        asyncSet.set(f.id, toPlanFunction(f, 'blocking-call'));
        work.push(f.id);
      }
    }
    while (work.length) {
      const id = work.pop()!;
      for (const e of incoming.get(id) ?? []) {
        if (e.mode !== 'await' || e.from === null) continue;
        const caller = byId.get(e.from);
        if (!caller || caller.alreadyAsync || asyncSet.has(caller.id) || pinned.has(caller.id) || cannot(caller)) continue;
        asyncSet.set(caller.id, toPlanFunction(caller, 'calls-async', id));
        work.push(caller.id);
      }
    }

    let changed = false;
    // Functions pinned in this round: a function async only through one of them is left to the next round's closure,
    // where it may not need to be async at all (a callback that only calls a listener that stays sync).
    const pinnedNow = new Set<string>();
    const throughPinned = (id: string): boolean => {
      const seen = new Set<string>();
      for (let via = asyncSet.get(id)?.via; via !== undefined && !seen.has(via); via = asyncSet.get(via)?.via) {
        if (pinnedNow.has(via)) return true;
        seen.add(via);
      }
      return false;
    };
    for (const id of asyncSet.keys()) {
      if (pinned.has(id) || throughPinned(id)) continue;
      for (const e of incoming.get(id) ?? []) {
        const blocker = stopsAt(e);
        if (!blocker) continue;
        if (options.api === 'twin') {
          twins.add(id);
          continue;
        }
        pinned.set(id, boundaryAt(e, blocker, byId.get(id)!));
        pinnedNow.add(id);
        changed = true;
        break;
      }
    }
    if (!changed) break;
  }

  const boundaries: PlanBoundary[] = [];
  const awaitEdges: GraphEdge[] = [];
  for (const [id, fn] of asyncSet) {
    if (twins.has(id)) fn.twin = true;
    for (const e of incoming.get(id) ?? []) {
      if (e.mode === 'await' && e.from !== null && !outside(e.site.path)) {
        const caller = byId.get(e.from);
        if (caller && (caller.alreadyAsync || asyncSet.has(caller.id))) {
          awaitEdges.push(e);
          continue;
        }
      }
      const blocker = stopsAt(e);
      if (blocker) boundaries.push(boundaryAt(e, blocker, byId.get(id)!));
    }
  }
  // Calls of functions that were already async, made from async code without await, are fixed too.
  for (const f of graph.functions) {
    if (!f.alreadyAsync) continue;
    for (const e of incoming.get(f.id) ?? []) {
      if (e.mode !== 'await' || e.from === null) continue;
      if (asyncSet.has(e.from)) awaitEdges.push(e);
    }
  }
  for (const [id, b] of pinned) {
    const f = byId.get(id)!;
    boundaries.push({ ...b, reason: `${f.name} stays sync: ${b.reason}` });
  }
  // A function handed to code that needs a sync result (a sort comparator, a
  // sync-only listener) from a handler path, that would need to await: a boundary too.
  for (const e of graph.edges) {
    if (e.mode !== 'stop') continue;
    if (e.from === null ? options.entry !== 'all' : !reachable.has(e.from)) continue;
    const target = byId.get(e.to);
    // A function that cannot be async anyway (a constructor) has its own boundary.
    if (!target || target.alreadyAsync || cannot(target) || asyncSet.has(target.id) || pinned.has(target.id)) continue;
    if (!reachesBlockingCall(target.id, byId, outgoing, asyncSet, pinned, cannot)) continue;
    boundaries.push(boundaryAt(e, stopsAt(e)!, target));
  }

  const rewriteIn = new Set<string>(asyncSet.keys());
  for (const f of graph.functions) if (f.alreadyAsync && f.seeds > 0 && reachable.has(f.id)) rewriteIn.add(f.id);

  return { async: asyncSet, rewriteIn, awaitEdges, pinned, boundaries: dedupeBoundaries(boundaries), entries, reachable };
}

/**
 * Whether a function would have to await: it holds a blocking call, or calls
 * (transitively) one that does or that became async. A call of a function that
 * was already async is not a reason: it returned a promise before the
 * migration and returns the same promise after it (its blocking calls are
 * awaited inside it), so a sync callback that only calls it needs no change.
 * Nor is a call of a function that stays sync for a reason of its own (pinned:
 * a public API, a caller that cannot await; or one that cannot be async, such
 * as a constructor): that function has its own finding, and the callback
 * calling it would await nothing.
 */
function reachesBlockingCall(
  start: string,
  byId: Map<string, GraphFunction>,
  outgoing: Map<string, GraphEdge[]>,
  asyncSet: Map<string, PlanFunction>,
  pinned: Map<string, PlanBoundary>,
  cannot: (f: GraphFunction) => unknown,
): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const f = byId.get(id);
    if (!f) continue;
    if (id !== start && (f.alreadyAsync || pinned.has(id) || cannot(f))) continue;
    if (f.seeds > 0 || (id !== start && asyncSet.has(id))) return true;
    for (const e of outgoing.get(id) ?? []) if (e.mode === 'await') stack.push(e.to);
  }
  return false;
}

/** Why the caller at this edge cannot await, or undefined when it can. */
function blockingCaller(
  e: GraphEdge,
  byId: Map<string, GraphFunction>,
  pinned: Map<string, PlanBoundary>,
  outside: (file: string) => boolean,
): { function: string; kind: string; reason: string } | undefined {
  if (e.mode === 'detached') return undefined;
  // A call in a file outside the paths of the run is never changed: it cannot gain `await`.
  if (outside(e.site.path)) {
    const target = byId.get(e.to);
    const from = e.from === null ? '<module>' : (byId.get(e.from)?.name ?? e.from);
    if (target) return outsideScopeBoundary(e.site, from, target);
  }
  if (e.mode === 'stop') {
    const from = e.from === null ? '<module>' : (byId.get(e.from)?.name ?? e.from);
    return { function: from, kind: e.stopKind ?? 'sync-caller', reason: e.stopReason ?? 'the caller needs a synchronous result here' };
  }
  if (e.from === null) {
    return { function: '<module>', kind: 'module-top-level', reason: 'called from module top-level code, which cannot await' };
  }
  const caller = byId.get(e.from);
  if (!caller) return undefined;
  if (caller.cannotBeAsync) {
    return { function: caller.name, kind: caller.cannotBeAsync.kind, reason: caller.cannotBeAsync.reason };
  }
  const pin = pinned.get(caller.id);
  if (pin) return { function: caller.name, kind: 'pinned-caller', reason: `its caller ${caller.name} stays sync` };
  return undefined;
}

/** The boundary at an edge, naming where the function that stays sync is declared. */
function boundaryAt(e: GraphEdge, blocker: { function: string; kind: string; reason: string }, target: GraphFunction): PlanBoundary {
  return { ...e.site, function: blocker.function, callee: target.name, calleePath: target.path, calleeLine: target.line, kind: blocker.kind, reason: blocker.reason };
}

function toPlanFunction(f: GraphFunction, reason: PlanFunction['reason'], via?: string): PlanFunction {
  return { id: f.id, path: f.path, name: f.name, line: f.line, reason, ...(via ? { via } : {}) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dedupeBoundaries(list: PlanBoundary[]): PlanBoundary[] {
  const seen = new Set<string>();
  return list.filter((b) => {
    const key = `${b.path}:${b.line}:${b.column}:${b.callee}:${b.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Builds the serialisable plan from a propagation result. */
export function toMigrationPlan(result: PropagationResult, names: (e: GraphEdge) => { caller: string; callee: string }): MigrationPlan {
  return {
    entries: result.entries.map((f) => ({ path: f.path, line: f.line, column: 1, name: f.name, framework: f.entry ?? '' })),
    asyncFunctions: [...result.async.values()].sort(bySite),
    awaitedCalls: result.awaitEdges.map((e) => ({ ...e.site, ...names(e), ...(result.async.has(e.to) ? { calleeId: e.to } : {}) })).sort(bySite),
    boundaries: [...result.boundaries].sort(bySite),
  };
}

function bySite(a: { path: string; line: number; column?: number }, b: { path: string; line: number; column?: number }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

/** Each call that gains `await`, with where the awaited function is declared (units.ts ties them together). */
export function awaitLinks(graph: CallGraph, result: PropagationResult): AwaitLink[] {
  const byId = new Map(graph.functions.map((f) => [f.id, f]));
  return result.awaitEdges.flatMap((e) => {
    const callee = byId.get(e.to);
    return callee ? [{ ...e.site, calleePath: callee.path, calleeLine: callee.line, calleeColumn: callee.column ?? 1 }] : [];
  });
}

/** The extents of the graph's functions that have one (for grouping findings into migration units). */
export function functionSpans(graph: CallGraph): FunctionSpan[] {
  return graph.functions
    .filter((f) => f.endLine !== undefined && f.name !== '<module>')
    .map((f) => ({ path: f.path, name: f.name, line: f.line, column: f.column ?? 1, endLine: f.endLine!, endColumn: f.endColumn ?? Number.MAX_SAFE_INTEGER }));
}
