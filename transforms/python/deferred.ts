// `.only(...)` and `.defer(...)` leave fields unloaded: reading one on an instance
// runs refresh_from_db(), a query, which fails in async code.
import type { Node } from 'web-tree-sitter';
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

export function deferredFieldsOf(fc: FunctionContext, node: Node | undefined, depth = 0): DeferredFields | undefined {
  let out: DeferredFields | undefined;
  for (let n = node; n && depth < 8; depth++) {
    if (n.type === 'identifier') {
      const b = bindingsOf(fc.fn, n.text);
      if (b.length !== 1 || b[0].kind !== 'assign') break;
      n = b[0].value;
      continue;
    }
    if (n.type !== 'call') break;
    const f = field(n, 'function');
    if (f?.type !== 'attribute') break;
    const method = field(f, 'attribute')!.text;
    if (method === 'only' || method === 'defer') {
      out ??= { defer: new Set(), call: n };
      const names = callArguments(n).positional.map((a) => stringValue(a)?.split('__')[0]).filter((x): x is string => Boolean(x));
      if (method === 'defer') for (const x of names) out.defer.add(x);
      else out.only = new Set([...(out.only ?? []), ...names]);
    }
    n = field(f, 'object')!;
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

/** The deferring chain an instance variable was fetched from (`for b in qs`, `b = qs.get(...)`), when its fields may be deferred. */
export function instanceDeferred(fc: FunctionContext, variable: Node): DeferredFields | undefined {
  if (variable.type !== 'identifier') return undefined;
  const b = bindingsOf(fc.fn, variable.text);
  if (b.length !== 1) return undefined;
  if (b[0].kind === 'iterate') return deferredFieldsOf(fc, b[0].value);
  if (b[0].kind !== 'assign') return undefined;
  let value = b[0].value;
  if (value.type === 'await') value = childrenOf(value)[0] ?? value;
  const f = value.type === 'call' ? field(value, 'function') : undefined;
  if (f?.type !== 'attribute' || !/^a?(get|first|last|latest|earliest)$/.test(field(f, 'attribute')!.text)) return undefined;
  return deferredFieldsOf(fc, field(f, 'object')!);
}
