// Call sites between project functions: direct calls, `module.func()`,
// `self.method()` inside a class, methods on model instances, and references
// handed to other code (callbacks, which need a sync function).
import type { PyNode as Node } from './tree.js';
import type { GraphEdge } from '../core/plan.js';
import { lineColumn, type SyncRegion } from './context.js';
import { DJANGO_MANAGER_API, type OrmIndex, type PyType } from './orm.js';
import { callArguments, childrenOf, field } from './parser.js';
import { findMethod, resolveExpr, type Project, type PyClass, type PyFunction, type PyModule } from './project.js';

export interface PyCallSite {
  edge: GraphEdge;
  /** The call node (for 'await' edges) or the reference. */
  node: Node;
  module: PyModule;
  caller?: PyFunction;
  callee: PyFunction;
}

const SCOPES = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/** The project function a callee expression names, if any. */
export function calleeFunction(project: Project, orm: OrmIndex, module: PyModule, fn: PyFunction | undefined, callee: Node): PyFunction | undefined {
  const r = resolveExpr(project, module, fn, callee);
  if (r?.kind === 'function') return r.fn;
  if (r) return undefined;
  if (callee.type !== 'attribute') return undefined;
  const object = field(callee, 'object')!;
  const name = field(callee, 'attribute')!.text;
  // self.method() / cls.method() inside a method.
  const method = fn && methodOwner(fn);
  if (method?.cls && object.type === 'identifier' && object.text === method.paramNames[0] && !isStatic(method)) {
    return findMethod(project, method.cls, name);
  }
  const t = orm.typeOf(module, fn, object);
  if (t?.kind === 'instance' && t.model) return findMethod(project, t.model.cls, name);
  // `Project.objects.for_api_key()`, `Book.objects.filter().published()`: a custom manager's or
  // QuerySet's own method (Django's API names stay with the ORM rules).
  if ((t?.kind === 'manager' || t?.kind === 'queryset') && t.classes && !DJANGO_MANAGER_API.has(name)) {
    for (const c of t.classes) {
      const m = findMethod(project, c, name);
      if (m) return m;
    }
  }
  const inst = instanceMethod(project, module, fn, object, name);
  return inst && 'fn' in inst ? inst.fn : undefined;
}

/** What a method call on an instance of a project class runs, or why awaitify cannot tell. */
export type InstanceMethod = { fn: PyFunction } | { unseen: string; cls: PyClass; candidate: PyFunction };

/**
 * The method `Cls().name` or `x.name` runs, where `x = Cls()` is a local bound once to a
 * constructor call of a project class and otherwise only used for method calls: found through
 * the class's method order (C3, as Python computes it). A base awaitify cannot see (a library
 * class) ahead of the class defining the method may define it too: then `unseen` names that
 * base and `candidate` the project method it may shadow. Undefined when no project class
 * defines it, or the class is decorated (the decorator may return something else). A local
 * bound several times is followed when every binding reaches the same method (see
 * instanceAlternatives for the others).
 */
export function instanceMethod(project: Project, module: PyModule, fn: PyFunction | undefined, object: Node, name: string): InstanceMethod | undefined {
  if (object.type === 'identifier' && fn) {
    const local = localBindings(fn, object.text);
    if (!local) return undefined;
    if (local.values.length === 1) return classMethod(project, module, fn, local.values[0], name);
    const alt = instanceAlternatives(project, module, fn, object, name);
    return alt && alt.unfollowed.length === 0 && alt.methods.every((m) => 'fn' in m.method && m.method.fn === (alt.methods[0].method as { fn: PyFunction }).fn) ? alt.methods[0].method : undefined;
  }
  return classMethod(project, module, fn, object, name);
}

/** What `name` on an instance made by `ctor` (a constructor call of a project class) runs. */
function classMethod(project: Project, module: PyModule, fn: PyFunction | undefined, ctor: Node, name: string): InstanceMethod | undefined {
  const cls = projectClassCall(project, module, fn, ctor);
  if (!cls) return undefined;
  const order = methodOrder(project, cls);
  if (!order) return undefined;
  let unseen: string | undefined;
  for (const entry of order) {
    if (typeof entry === 'string') {
      unseen ??= entry;
      continue;
    }
    const m = entry.methods.get(name);
    if (!m) {
      // A class attribute of that name (`send = other_send`) is not a method awaitify follows.
      if (entry.attrs.has(name)) return undefined;
      continue;
    }
    return unseen ? { unseen, cls, candidate: m } : { fn: m };
  }
  return undefined;
}

/** The project class a call constructs (`Notifier(...)`), unless it is decorated (the decorator may return something else). */
function projectClassCall(project: Project, module: PyModule, fn: PyFunction | undefined, ctor: Node): PyClass | undefined {
  if (ctor.type !== 'call') return undefined;
  const callee = field(ctor, 'function');
  const r = callee ? resolveExpr(project, module, fn, callee) : undefined;
  return r?.kind === 'class' && !r.cls.decorators.length ? r.cls : undefined;
}

/**
 * A method call on a local bound more than once (`x = A()` then `x = B()`, or in both branches
 * of an `if`), at least once to a constructor call of a project class: the methods each binding
 * may run (`methods`, with the binding's line) and the bindings awaitify cannot follow
 * (`unfollowed`: another value, a class that has no such method awaitify can see, a
 * decorated class). Undefined when the local is not bound that way (see localBindings), or no
 * binding constructs a project class.
 */
export function instanceAlternatives(
  project: Project,
  module: PyModule,
  fn: PyFunction,
  object: Node,
  name: string,
): { methods: { method: InstanceMethod; cls: PyClass; line: number }[]; unfollowed: { text: string; line: number }[] } | undefined {
  const local = localBindings(fn, object.text);
  if (!local || local.values.length < 2) return undefined;
  const methods: { method: InstanceMethod; cls: PyClass; line: number }[] = [];
  const unfollowed: { text: string; line: number }[] = [];
  for (const value of local.values) {
    const line = lineColumn(module.text, value.startIndex).line;
    const cls = projectClassCall(project, module, fn, value);
    const method = cls ? classMethod(project, module, fn, value, name) : undefined;
    if (cls && method) methods.push({ method, cls, line });
    else unfollowed.push({ text: value.text.length > 40 ? `${value.text.slice(0, 37)}...` : value.text, line });
  }
  return methods.length ? { methods, unfollowed } : undefined;
}

/** Bases that define no methods an instance call could reach ahead of a project class. */
const PLAIN_BASES = /^(builtins\.object|abc\.ABC|typing\.\w+|typing_extensions\.\w+)$/;

const orderCache = new WeakMap<PyClass, (PyClass | string)[] | null>();

/**
 * A class's method resolution order: project classes, and bases awaitify cannot see as their
 * text (their own bases are unknown, but come after them). Undefined when C3 fails or a base
 * cycles.
 */
function methodOrder(project: Project, cls: PyClass, stack: PyClass[] = []): (PyClass | string)[] | undefined {
  const cached = orderCache.get(cls);
  if (cached !== undefined) return cached ?? undefined;
  if (stack.includes(cls)) return undefined;
  const heads: (PyClass | string)[] = [];
  const lists: (PyClass | string)[][] = [];
  for (const base of cls.bases) {
    const b = base.type === 'subscript' ? (field(base, 'value') ?? base) : base;
    const r = resolveExpr(project, cls.module, undefined, b);
    if (r?.kind === 'external' && PLAIN_BASES.test(r.name)) continue;
    if (r?.kind === 'class') {
      const sub = methodOrder(project, r.cls, [...stack, cls]);
      if (!sub) return undefined;
      heads.push(r.cls);
      lists.push([...sub]);
    } else {
      const text = r?.kind === 'external' ? r.name : b.text;
      heads.push(text);
      lists.push([text]);
    }
  }
  lists.push(heads);
  const out: (PyClass | string)[] = [cls];
  for (;;) {
    const rest = lists.filter((l) => l.length);
    if (!rest.length) break;
    const next = rest.map((l) => l[0]).find((h) => !rest.some((l) => l.indexOf(h) > 0));
    if (next === undefined) {
      orderCache.set(cls, null);
      return undefined;
    }
    out.push(next);
    for (const l of rest) if (l[0] === next) l.shift();
  }
  orderCache.set(cls, out);
  return out;
}

function methodOwner(fn: PyFunction): PyFunction | undefined {
  let f: PyFunction | undefined = fn;
  while (f && !f.cls) f = f.parent;
  // `self` of an enclosing method stays visible in nested functions only when not rebound; a
  // nested function taking it as a parameter (awaitify's own `_atomic_block(self, ...)` passes
  // it on) gets the same instance.
  const self = f?.paramNames[0] ?? '';
  if (f && f !== fn && fn.locals.has(self) && !fn.paramNames.includes(self)) return undefined;
  return f;
}

function isStatic(fn: PyFunction): boolean {
  return fn.decorators.some((d) => d.text === 'staticmethod');
}

export function buildCallSites(
  project: Project,
  orm: OrmIndex,
  /** Blocks that run in a thread whole (transaction.atomic, file I/O): calls there stay synchronous. */
  syncRegions: Map<string, SyncRegion[]>,
): PyCallSite[] {
  const out: PyCallSite[] = [];
  for (const module of project.modules) {
    // Resolution depends on the parameter hints (they grow between calls): redone when one the module's
    // resolution read changed, or when its sync regions changed its candidates.
    const list = callCandidates(module, syncRegions);
    const known = sitesCache.get(module);
    if (known && known.candidates === list && known.orm === orm && orm.sameHintsSince(known.hints, known.generation)) {
      for (const s of known.sites) out.push(s);
      continue;
    }
    const first = out.length;
    const { hints, generation } = orm.hintsReadBy(() => {
      for (let i = 0; i < list.node.length; i++) {
        const node = module.tree.node(list.node[i]!);
        const fn = list.fn[i]! < 0 ? undefined : module.functions[list.fn[i]!];
        const stop = STOPS[list.stop[i]!];
        if (list.callee[i]! >= 0) {
          const target = calleeFunction(project, orm, module, fn, module.tree.node(list.callee[i]!));
          if (target && target !== fn) out.push(site(module, fn, target, node, stop, !stop && target.isAsync && handedToAsyncio(project, module, fn, node)));
          else if (!target) {
            for (const unseen of unseenBaseCall(project, module, fn, module.tree.node(list.callee[i]!))) {
              if (unseen.candidate !== fn) out.push(site(module, fn, unseen.candidate, node, unseen.stop));
            }
          }
        } else {
          const r = resolveExpr(project, module, fn, node);
          // A bound method handed over as a value (`signal.signal(SIGTERM, self.handle_signal)`) resolves as its call would.
          const target = r?.kind === 'function' ? r.fn : node.type === 'attribute' ? calleeFunction(project, orm, module, fn, node) : undefined;
          if (target && target !== fn) {
            out.push(site(module, fn, target, node, stop ?? { kind: 'callback', reason: `${node.text} is passed as a value; whoever calls it expects a synchronous function` }));
          }
        }
      }
    });
    sitesCache.set(module, { candidates: list, orm, generation, hints, sites: out.slice(first) });
  }
  return out;
}

/**
 * A method call on an instance of a project class that a base awaitify cannot see may answer
 * (`Notifier().send()` where `class Notifier(LibraryMixin, BaseNotifier)` and BaseNotifier
 * defines send): a 'stop' edge to the project method it may run, so that method keeps a sync
 * form and the caller stays sync, named in a finding. Likewise a call on a local bound to
 * instances of different classes whose bindings do not all reach one method, or that is also
 * bound to a value awaitify cannot follow: a 'stop' edge to each project method it may run.
 */
function unseenBaseCall(project: Project, module: PyModule, fn: PyFunction | undefined, callee: Node): { candidate: PyFunction; stop: Stop }[] {
  if (callee.type !== 'attribute') return [];
  const name = field(callee, 'attribute')!.text;
  const object = field(callee, 'object')!;
  const alt = fn && object.type === 'identifier' ? instanceAlternatives(project, module, fn, object, name) : undefined;
  if (alt) return alternativeStops(alt, object.text, name);
  const inst = instanceMethod(project, module, fn, object, name);
  if (!inst || 'fn' in inst) return [];
  return [{ candidate: inst.candidate, stop: { kind: UNSEEN_BASE, reason: unseenReason(inst, name) } }];
}

function unseenReason(inst: { unseen: string; cls: PyClass; candidate: PyFunction }, name: string): string {
  return `${inst.cls.name} inherits from ${inst.unseen}, which awaitify cannot see, ahead of ${inst.candidate.qualname}: ${inst.unseen} may define ${name}() too`;
}

/** The stops of a call on a local bound several times (instanceAlternatives), one per project method it may run. */
function alternativeStops(alt: NonNullable<ReturnType<typeof instanceAlternatives>>, local: string, name: string): { candidate: PyFunction; stop: Stop }[] {
  const runs = alt.methods.map((m) => ('fn' in m.method ? m.method.fn : m.method.candidate));
  const distinct = [...new Set(runs)];
  if (distinct.length === 1 && !alt.unfollowed.length && 'fn' in alt.methods[0].method) return [];
  const bound = alt.methods.map((m) => `${m.cls.name}() at line ${m.line}`);
  const why = alt.unfollowed.length
    ? `${local} is also bound to ${alt.unfollowed.map((u) => `${u.text} at line ${u.line}`).join(', ')}, which awaitify cannot follow, so it cannot tell whether ${name}() runs ${distinct.map((f) => f.qualname).join(' or ')}`
    : distinct.length > 1
      ? `${local} may hold a ${[...new Set(alt.methods.map((m) => m.cls.name))].join(' or a ')} here (bound to ${bound.join(', ')}), whose ${name}() are different methods (${distinct.map((f) => f.qualname).join(', ')}); awaitify awaits a call only when it runs one method`
      : `${local} is bound to ${bound.join(', ')}`;
  return distinct.map((candidate) => {
    const m = alt.methods[runs.indexOf(candidate)].method;
    const reason = 'unseen' in m ? `${why}; ${unseenReason(m, name)}` : why;
    return { candidate, stop: { kind: alt.unfollowed.length ? 'unfollowed-binding' : distinct.length > 1 ? 'alternative-methods' : UNSEEN_BASE, reason } };
  });
}

export const UNSEEN_BASE = 'unseen-base';
/** Stops of a method call on an instance whose method awaitify cannot pin down (unseenBaseCall). */
export const INSTANCE_STOPS: ReadonlySet<string> = new Set([UNSEEN_BASE, 'alternative-methods', 'unfollowed-binding']);

/** A module's call sites, with the candidates they were resolved from and the parameter hints they read. */
const sitesCache = new WeakMap<PyModule, { candidates: CallCandidates; orm: OrmIndex; generation: number; hints: ReadonlySet<string> | undefined; sites: PyCallSite[] }>();

type Stop = { kind: string; reason: string };

// Why a call found by the walk stays synchronous; a candidate keeps the index of its stop here
// (0: none), since the walk makes them from these texts only.
const DECORATOR: Stop = { kind: 'decorator', reason: 'used as a decorator' };
const DEFAULT_ARGUMENT: Stop = { kind: 'default-argument', reason: 'evaluated when the function is defined' };
const ATOMIC: Stop = { kind: 'transaction-atomic', reason: 'called inside a transaction.atomic block, which stays synchronous' };
const SYNC_BLOCK: Stop = { kind: 'sync-block', reason: 'called inside a block that runs in a thread through sync_to_async, which stays synchronous' };
const FILE_BLOCK: Stop = { kind: 'file-io-block', reason: 'called inside a file I/O block that runs in a thread, which stays synchronous' };
const LAMBDA: Stop = { kind: 'lambda', reason: 'called inside a lambda, which cannot await' };
const GENERATOR: Stop = { kind: 'generator-expression', reason: 'called inside a generator expression, which cannot await' };
const STOPS: (Stop | undefined)[] = [undefined, DECORATOR, DEFAULT_ARGUMENT, ATOMIC, SYNC_BLOCK, FILE_BLOCK, LAMBDA, GENERATOR];

/**
 * A module's call candidates, in walk order: calls (with the node index of their callee
 * expression) and references to a name that may be a project function handed over as a value
 * (callee -1). Kept as node indexes into the module's tree, the index of the enclosing function
 * in `module.functions` (-1 at module level) and of the stop in STOPS: they stay for the whole
 * run, and as objects with a wrapper per node they held about 50 MB on saleor.
 */
interface CallCandidates {
  node: Int32Array;
  callee: Int32Array;
  fn: Int32Array;
  stop: Uint8Array;
}

/** A module's call candidates, kept while the sync regions of its functions stay the same (the walk is the same then). */
const candidateCache = new WeakMap<PyModule, { regions: string; list: CallCandidates }>();

function callCandidates(module: PyModule, syncRegions: Map<string, SyncRegion[]>): CallCandidates {
  const regions = module.functions
    .map((f) => syncRegions.get(f.id))
    .map((rs) => (rs ? rs.map((r) => `${r.node.id}:${r.kind}`).join(',') : ''))
    .join(';');
  const cached = candidateCache.get(module);
  if (cached && cached.regions === regions) return cached.list;
  const nodes: number[] = [];
  const callees: number[] = [];
  const fns: number[] = [];
  const stops: number[] = [];
  const byDef = functionsByNode(module);
  const fnIndex = new Map(module.functions.map((f, i) => [f, i]));
  const push = (node: Node, callee: Node | undefined, fn: PyFunction | undefined, stop: Stop | undefined) => {
    nodes.push(node.index);
    callees.push(callee ? callee.index : -1);
    fns.push(fn ? fnIndex.get(fn)! : -1);
    stops.push(STOPS.indexOf(stop));
  };
  // `inClass`: a class body's own statements (not its methods'), where a function named as a
  // value (`default=get_default`, `upload_to=path_for`) is handed to code that calls it synchronously.
  const visit = (node: Node, fn: PyFunction | undefined, stop?: Stop, inClass = false) => {
    for (const child of childrenOf(node)) {
      if (SCOPES.has(child.type)) {
        const def = child.type === 'decorated_definition' ? field(child, 'definition')! : child;
        if (child.type === 'decorated_definition') {
          for (const d of childrenOf(child).filter((c) => c.type === 'decorator')) visit(d, fn, DECORATOR);
        }
        if (def.type === 'function_definition') {
          const inner = byDef.get(def.id);
          for (const p of childrenOf(field(def, 'parameters'))) visit(p, fn, DEFAULT_ARGUMENT);
          if (inner) visit(inner.body, inner);
        } else if (def.type === 'class_definition') {
          const sup = field(def, 'superclasses');
          if (sup) visit(sup, fn);
          visit(field(def, 'body')!, fn, undefined, !fn);
        }
        continue;
      }
      let childStop = stop;
      const region = fn ? syncRegions.get(fn.id)?.find((r) => r.node.id === child.id) : undefined;
      if (region) childStop = region.kind === 'atomic' ? ATOMIC : region.kind === 'sync' ? SYNC_BLOCK : FILE_BLOCK;
      if (child.type === 'lambda') childStop = LAMBDA;
      if (child.type === 'generator_expression') childStop = GENERATOR;
      if (child.type === 'call') {
        const callee = field(child, 'function');
        if (callee) push(child, callee, fn, childStop);
      } else if ((child.type === 'identifier' || child.type === 'attribute') && (fn || inClass) && !isCallee(child, node) && !isAttributeObject(child, node) && !isBindingTarget(child, node)) {
        push(child, undefined, fn, childStop);
      }
      visit(child, fn, childStop, inClass);
    }
  };
  visit(module.root, undefined);
  const list: CallCandidates = { node: Int32Array.from(nodes), callee: Int32Array.from(callees), fn: Int32Array.from(fns), stop: Uint8Array.from(stops) };
  candidateCache.set(module, { regions, list });
  return list;
}

/** A module's functions by the id of their definition node. */
const byDefCache = new WeakMap<PyModule, Map<number, PyFunction>>();
export function functionsByNode(module: PyModule): Map<number, PyFunction> {
  let out = byDefCache.get(module);
  if (!out) byDefCache.set(module, (out = new Map(module.functions.map((f) => [f.node.id, f]))));
  return out;
}

// `p` is the node's parent (the walk knows it; asking the tree makes a new node each time).
function isCallee(node: Node, p: Node): boolean {
  return p?.type === 'call' && field(p, 'function')?.id === node.id;
}

function isAttributeObject(node: Node, p: Node): boolean {
  return Boolean(p && p.type === 'attribute' && field(p, 'attribute')?.id === node.id) || Boolean(p && p.type === 'attribute' && field(p, 'object')?.id === node.id);
}

function isBindingTarget(node: Node, p: Node): boolean {
  if (!p) return false;
  if (p.type === 'keyword_argument' && field(p, 'name')?.id === node.id) return true;
  if ((p.type === 'assignment' || p.type === 'augmented_assignment') && field(p, 'left')?.id === node.id) return true;
  return /import|dotted_name|aliased_import|global_statement|nonlocal_statement/.test(p.type);
}

/** asyncio functions that take a coroutine object and run or schedule it themselves. */
const CORO_TAKERS = /^asyncio\.(ensure_future|create_task|gather|wait_for|shield|run|run_coroutine_threadsafe)$/;
const LOOP_GETTER = /^asyncio\.(get_event_loop|get_running_loop|new_event_loop)$/;

/**
 * Whether a call is an argument of asyncio code that runs or schedules the coroutine it returns
 * (`asyncio.ensure_future(notify())`, `asyncio.get_event_loop().create_task(notify())`): the
 * coroutine is handed over, not awaited here, so the caller need not be async.
 */
function handedToAsyncio(project: Project, module: PyModule, fn: PyFunction | undefined, call: Node): boolean {
  const list = call.parent;
  const outer = list?.type === 'argument_list' ? list.parent : undefined;
  const callee = outer?.type === 'call' ? field(outer, 'function') : undefined;
  if (!callee) return false;
  const r = resolveExpr(project, module, fn, callee);
  if (r?.kind === 'external' && CORO_TAKERS.test(r.name)) return true;
  if (callee.type !== 'attribute' || !/^(create_task|run_until_complete)$/.test(field(callee, 'attribute')?.text ?? '')) return false;
  let getter = field(callee, 'object');
  // `loop = asyncio.get_event_loop()` bound once, then `loop.create_task(notify())`.
  if (getter?.type === 'identifier' && fn) getter = boundOnce(fn, getter.text)?.value;
  const g = getter?.type === 'call' ? resolveExpr(project, module, fn, field(getter, 'function')!) : undefined;
  return g?.kind === 'external' && LOOP_GETTER.test(g.name);
}

const OWN_SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);

/**
 * The value a function's local `name` holds when the function binds it exactly once, with a
 * plain `name = <call>` statement of its own scope, and otherwise only calls its methods
 * (`name.<method>(...)`, the calls returned in source order). Any other mention returns
 * undefined: see localBindings; a second binding too.
 */
export function boundOnce(fn: PyFunction, name: string): { readonly value: Node; readonly uses: readonly Node[] } | undefined {
  const local = localBindings(fn, name);
  return local && local.values.length === 1 && local.values[0].type === 'call' ? { value: local.values[0], uses: local.uses } : undefined;
}

/**
 * The values a function's local `name` is bound to when every binding is a plain
 * `name = <value>` statement of its own scope (in source order) and every other mention calls
 * one of its methods (`name.<method>(...)`, the calls in `uses`). Any other mention returns
 * undefined: a parameter, another kind of binding (loop, `with`/`except` target, walrus,
 * import, tuple target), `global`/`nonlocal`, `del`, a nested function, lambda or class that
 * uses it, or the value itself passed on, returned or read without a call.
 */
export function localBindings(fn: PyFunction, name: string): { readonly values: readonly Node[]; readonly uses: readonly Node[] } | undefined {
  if (!fn.locals.has(name) || fn.globals.has(name)) return undefined;
  // Asked for each method call on a local (the call graph is built once per planning round), and
  // each answer walks the whole function: kept per definition node, whose tree does not change.
  let known = bindingsCache.get(fn.node);
  if (!known) bindingsCache.set(fn.node, (known = new Map()));
  if (known.has(name)) return known.get(name);
  const answer = bindingsOf(fn, name);
  known.set(name, answer);
  return answer;
}

const bindingsCache = new WeakMap<Node, Map<string, { readonly values: readonly Node[]; readonly uses: readonly Node[] } | undefined>>();

function bindingsOf(fn: PyFunction, name: string): { values: Node[]; uses: Node[] } | undefined {
  const values: Node[] = [];
  const uses: Node[] = [];
  if (fn.paramNames.includes(name)) return undefined;
  for (const id of fn.node.descendantsOfType('identifier')) {
    if (id.text !== name) continue;
    const p = id.parent;
    if (!p) return undefined;
    // `x.name` and `f(name=...)` do not mention the variable.
    if (p.type === 'attribute' && field(p, 'attribute')?.id === id.id) continue;
    if (p.type === 'keyword_argument' && field(p, 'name')?.id === id.id) continue;
    for (let n = p; n.id !== fn.node.id; n = n.parent!) if (OWN_SCOPES.has(n.type)) return undefined;
    if (p.type === 'assignment' && field(p, 'left')?.id === id.id && p.parent?.type === 'expression_statement') {
      const right = field(p, 'right');
      // `x = y = A()` and annotated forms without a value are other bindings.
      if (!right || right.type === 'assignment') return undefined;
      values.push(right);
      continue;
    }
    const call = p.type === 'attribute' && field(p, 'object')?.id === id.id ? p.parent : undefined;
    if (call?.type !== 'call' || field(call, 'function')?.id !== p.id) return undefined;
    uses.push(call);
  }
  return values.length ? { values, uses } : undefined;
}

function site(module: PyModule, fn: PyFunction | undefined, callee: PyFunction, node: Node, stop?: { kind: string; reason: string }, detached = false): PyCallSite {
  const { line, column } = lineColumn(module.text, node.startIndex);
  const edge: GraphEdge = {
    from: fn?.id ?? null,
    to: callee.id,
    site: { path: module.path, line, column },
    mode: stop ? 'stop' : detached ? 'detached' : 'await',
    ...(stop ? { stopKind: stop.kind, stopReason: stop.reason } : {}),
  };
  return { edge, node, module, caller: fn, callee };
}

/**
 * Parameter types every call of a function agrees on: `copies_available(book)` whose every
 * caller passes a Book instance reads `book.copies` as a Book field. A function that is ever
 * used as a value (a callback, a decorator) or called with `*args` gets no hints.
 */
export function parameterHints(orm: OrmIndex, calls: PyCallSite[]): Map<string, Map<string, PyType>> {
  const byCallee = new Map<string, PyCallSite[]>();
  for (const cs of calls) {
    const list = byCallee.get(cs.callee.id) ?? [];
    list.push(cs);
    byCallee.set(cs.callee.id, list);
  }
  const out = new Map<string, Map<string, PyType>>();
  for (const [, sites] of byCallee) {
    const callee = sites[0].callee;
    if (sites.some((s) => s.node.type !== 'call')) continue;
    const bound = callee.cls && !callee.decorators.some((d) => d.text === 'staticmethod') ? 1 : 0;
    const hints = new Map<string, PyType>();
    for (let i = bound; i < callee.params.length; i++) {
      const p = callee.params[i];
      if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator' || p.type === 'positional_separator') break;
      const name = callee.paramNames[i];
      if (!name) break;
      let agreed: PyType | undefined;
      let ok = true;
      for (const cs of sites) {
        const args = callArguments(cs.node);
        if (args.splat) {
          ok = false;
          break;
        }
        // `obj.method(x)` passes obj as self; `Cls.method(obj, x)` does not.
        const callee2 = field(cs.node, 'function');
        const viaClass = bound && callee2?.type === 'attribute' && resolveExpr(orm.project, cs.module, cs.caller, field(callee2, 'object')!)?.kind === 'class';
        const arg = args.keywords.get(name) ?? args.positional[i - bound + (viaClass ? 1 : 0)];
        const t = arg ? orm.typeOf(cs.module, cs.caller, arg) : undefined;
        if (!t || t.kind !== 'instance' || !t.model || (agreed && agreed.kind === 'instance' && agreed.model !== t.model)) {
          ok = false;
          break;
        }
        agreed = t;
      }
      if (ok && agreed) hints.set(name, agreed);
    }
    if (hints.size) out.set(callee.id, hints);
  }
  return out;
}
