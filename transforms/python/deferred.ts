// `.only(...)` and `.defer(...)` leave fields unloaded: reading one on an instance
// runs refresh_from_db(), a query, which fails in async code.
import type { PyNode as Node } from './tree.js';
import type { FunctionContext } from './context.js';
import { bindingsOf, type ModelInfo } from './orm.js';
import { callArguments, childrenOf, field, stringValue } from './parser.js';

/** What `.only(...)` / `.defer(...)` along a QuerySet chain leave unloaded (following variables). */
export interface DeferredFields {
  only?: Set<string>;
  defer: Set<string>;
  /** The call that defers, for messages. */
  call: Node;
}

/** The method calls along a QuerySet chain, outermost first (following single-assignment variables). */
function chainCalls(fc: FunctionContext, node: Node | undefined): { method: string; call: Node }[] {
  const out: { method: string; call: Node }[] = [];
  let n = node;
  for (let depth = 0; n && depth < 8; depth++) {
    if (n.type === 'identifier') {
      const b = bindingsOf(fc.fn, n.text);
      if (b.length !== 1 || b[0].kind !== 'assign') break;
      n = b[0].value;
      continue;
    }
    if (n.type !== 'call') break;
    const f = field(n, 'function');
    if (f?.type !== 'attribute') break;
    out.push({ method: field(f, 'attribute')!.text, call: n });
    n = field(f, 'object')!;
  }
  return out;
}

export function deferredFieldsOf(fc: FunctionContext, node: Node | undefined): DeferredFields | undefined {
  let out: DeferredFields | undefined;
  for (const { method, call } of chainCalls(fc, node)) {
    if (method !== 'only' && method !== 'defer') continue;
    out ??= { defer: new Set(), call };
    const names = callArguments(call).positional.map((a) => stringValue(a)?.split('__')[0]).filter((x): x is string => Boolean(x));
    if (method === 'defer') for (const x of names) out.defer.add(x);
    else out.only = new Set([...(out.only ?? []), ...names]);
  }
  return out;
}

/**
 * Names `.annotate(...)` / `.alias(...)` along a QuerySet chain add: keyword names, and the default
 * alias of a one-field aggregate (`Count("books")` → `books__count`). On the chain's instances they are
 * plain values the query loaded (an alias is not selected: reading it raises AttributeError, no query).
 */
export function annotatedNamesOf(fc: FunctionContext, node: Node | undefined): Set<string> {
  const out = new Set<string>();
  for (const { method, call } of chainCalls(fc, node)) {
    if (method !== 'annotate' && method !== 'alias') continue;
    const args = callArguments(call);
    for (const k of args.keywords.keys()) out.add(k);
    for (const a of args.positional) {
      const f = a.type === 'call' ? field(a, 'function') : undefined;
      const inner = a.type === 'call' ? callArguments(a).positional : [];
      const name = inner.length === 1 ? stringValue(inner[0]) : undefined;
      if (f && name) out.add(`${name}__${f.text.split('.').pop()!.toLowerCase()}`);
    }
  }
  return out;
}

/** Whether reading `attr` on an instance of `model` fetched by a chain with `deferred` runs a query (refresh_from_db of the field). */
export function isDeferred(deferred: DeferredFields | undefined, model: ModelInfo | undefined, attr: string): boolean {
  if (!deferred || attr === 'pk' || attr === 'id') return false;
  const rel = model?.relations.get(attr);
  const name = attr.endsWith('_id') && model?.relations.has(attr.slice(0, -3)) ? attr.slice(0, -3) : attr;
  if (deferred.defer.has(name)) return true;
  if (deferred.only && !deferred.only.has(name)) return Boolean(rel) || Boolean(model?.fields.has(attr)) || name !== attr;
  return false;
}

/** The QuerySet an instance variable was fetched from (`for b in qs`, `b = qs.get(...)`). */
function instanceSource(fc: FunctionContext, variable: Node): Node | undefined {
  if (variable.type !== 'identifier') return undefined;
  // A comprehension's variable is its own: `[s.size for s in qs]`, whatever else binds `s`.
  for (let p = variable.parent; p && p.id !== fc.fn.body.id; p = p.parent) {
    if (!/comprehension$|^generator_expression$/.test(p.type)) continue;
    const clause = childrenOf(p).find((c) => c.type === 'for_in_clause' && field(c, 'left')?.text === variable.text);
    if (clause) return field(clause, 'right') ?? undefined;
  }
  const b = bindingsOf(fc.fn, variable.text);
  if (b.length !== 1) return undefined;
  if (b[0].kind === 'iterate') return b[0].value;
  if (b[0].kind !== 'assign') return undefined;
  let value = b[0].value;
  if (value.type === 'await') value = childrenOf(value)[0] ?? value;
  const f = value.type === 'call' ? field(value, 'function') : undefined;
  if (f?.type !== 'attribute' || !/^a?(get|first|last|latest|earliest)$/.test(field(f, 'attribute')!.text)) return undefined;
  return field(f, 'object')!;
}

/** The deferring chain an instance variable was fetched from, when its fields may be deferred. */
export function instanceDeferred(fc: FunctionContext, variable: Node): DeferredFields | undefined {
  const source = instanceSource(fc, variable);
  return source ? deferredFieldsOf(fc, source) : undefined;
}

/** Whether `attr` of an instance variable is a name its QuerySet annotated (a loaded value, never a query). */
export function isAnnotated(fc: FunctionContext, variable: Node, attr: string): boolean {
  const source = instanceSource(fc, variable);
  return Boolean(source) && annotatedNamesOf(fc, source).has(attr);
}
