// `await sync_to_async(book.to_dict)()` costs a thread hop (and, thread-
// sensitive, a turn on the one sync thread) for a method that runs no query:
// call it directly. A method is called directly only when its body is proven
// to touch nothing but the instance's own field values, and relations the
// instance was fetched with (select_related). Part of sync-to-async-wrap.
import type { PyNode as Node } from '../tree.js';
import type { FunctionContext, Site } from '../context.js';
import type { ModelInfo } from '../orm.js';
import { callArguments, childrenOf, field } from '../parser.js';
import { findMethod, resolveExpr, type PyFunction } from '../project.js';
import { existingSelect, originOf } from './lazy-relation.js';

const RULE = 'sync-to-async-wrap';

/** Builtins that only compute on their arguments. */
const PURE_BUILTINS = new Set([
  'str', 'int', 'float', 'bool', 'len', 'abs', 'round', 'min', 'max', 'sum', 'sorted', 'dict', 'list', 'tuple', 'set', 'isinstance', 'repr', 'format', 'divmod', 'enumerate', 'zip', 'range', 'any', 'all',
]);

/** Nodes that may run code awaitify cannot see (or that are not a plain computation). */
const IMPURE_NODES = new Set([
  'await', 'yield', 'with_statement', 'import_statement', 'import_from_statement', 'global_statement', 'nonlocal_statement', 'for_statement', 'while_statement',
  'for_in_clause', 'lambda', 'function_definition', 'class_definition', 'decorated_definition', 'raise_statement', 'try_statement', 'delete_statement', 'assert_statement',
]);

interface Purity {
  /** Forward relations (select_related paths) the body reads through self. */
  relations: Set<string>;
}

export function unneededThreadHops(fc: FunctionContext): Site[] {
  const sites: Site[] = [];
  for (const call of fc.calls()) {
    // call = sync_to_async(obj.method)(...), awaited.
    const wrapper = field(call, 'function');
    if (wrapper?.type !== 'call' || !fc.isAwaited(call)) continue;
    const wrapperName = field(wrapper, 'function');
    if (!wrapperName || fc.externalName(wrapperName) !== 'asgiref.sync.sync_to_async') continue;
    const wargs = callArguments(wrapper);
    const target = wargs.positional[0];
    if (wargs.positional.length !== 1 || wargs.splat || [...wargs.keywords.keys()].some((k) => k !== 'thread_sensitive') || target?.type !== 'attribute') continue;
    const obj = field(target, 'object')!;
    if (obj.type !== 'identifier') continue;
    const t = fc.typeOf(obj);
    if (t?.kind !== 'instance' || !t.model) continue;
    const method = findMethod(fc.project, t.model.cls, field(target, 'attribute')!.text);
    if (!method || method.isAsync) continue;
    const purity = pureMethod(fc, method, t.model, 0);
    if (!purity) continue;
    if (purity.relations.size) {
      const origin = originOf(fc, obj);
      if (!origin || origin.kind === 'created') continue;
      const loaded = existingSelect(origin.node);
      if (![...purity.relations].every((r) => [...loaded].some((l) => l === r || l.startsWith(`${r}__`)))) continue;
    }
    const awaitNode = call.parent!.type === 'await' ? call.parent! : undefined;
    if (!awaitNode) continue;
    const reads = purity.relations.size ? `; the relations it reads (${[...purity.relations].join(', ')}) were loaded with select_related` : '';
    sites.push(
      fc.site(
        RULE,
        awaitNode,
        'safe',
        `${target.text}() runs no query and does no I/O (it reads field values${reads}); calling it through sync_to_async only adds a thread hop, so it is called directly`,
        [
          { start: awaitNode.startIndex, end: target.startIndex, text: '' },
          { start: target.endIndex, end: wrapper.endIndex, text: '' },
        ],
        { seed: false, claims: [call, wrapper] },
      ),
    );
  }
  return sites;
}

/** The relations a model method reads when it is a plain computation over the instance; undefined when it may query or do I/O. */
function pureMethod(fc: FunctionContext, method: PyFunction, model: ModelInfo, depth: number): Purity | undefined {
  if (depth > 3 || method.decorators.length && !method.decorators.every((d) => /^(property|cached_property|functools\.cached_property)$/.test(d.text))) return undefined;
  const self = method.paramNames[0];
  if (!self || method.decorators.some((d) => d.text === 'staticmethod' || d.text === 'classmethod')) return undefined;
  const purity: Purity = { relations: new Set() };
  const ok = (node: Node): boolean => {
    for (const child of childrenOf(node)) {
      if (IMPURE_NODES.has(child.type)) return false;
      if (child.type === 'call' && !pureCall(child)) return false;
      if (child.type === 'attribute' && !pureAttribute(child)) return false;
      if (child.type === 'identifier' && child.text === self && !isAttributeObject(child)) return false;
      if (!ok(child)) return false;
    }
    return true;
  };
  const pureCall = (call: Node): boolean => {
    const callee = field(call, 'function')!;
    if (callee.type === 'identifier') {
      const r = resolveExpr(fc.project, method.module, method, callee);
      return r?.kind === 'external' && r.name.startsWith('builtins.') && PURE_BUILTINS.has(r.name.slice('builtins.'.length));
    }
    if (callee.type !== 'attribute') return false;
    const obj = field(callee, 'object')!;
    const name = field(callee, 'attribute')!.text;
    // self.other_method(): pure when its body is.
    if (obj.type === 'identifier' && obj.text === self) {
      const m = findMethod(fc.project, model.cls, name);
      const inner = m && m !== method ? pureMethod(fc, m, model, depth + 1) : undefined;
      if (!inner) return false;
      for (const r of inner.relations) purity.relations.add(r);
      return true;
    }
    // A method of a field's value (`self.title.upper()`, `self.due_on.isoformat()`) or of a literal.
    return isFieldValue(obj) || ['string', 'integer', 'float'].includes(obj.type);
  };
  /** `self.<field>` (not a relation), or `self.<fk>.<field>` through a loaded relation. */
  const isFieldValue = (node: Node): boolean => {
    if (node.type !== 'attribute') return false;
    const obj = field(node, 'object')!;
    const attr = field(node, 'attribute')!.text;
    if (obj.type === 'identifier' && obj.text === self) return model.fields.has(attr) && !model.relations.has(attr);
    if (obj.type === 'attribute' && field(obj, 'object')?.type === 'identifier' && field(obj, 'object')!.text === self) {
      const rel = model.relations.get(field(obj, 'attribute')!.text);
      const target = rel && rel.kind !== 'm2m' ? fc.orm.modelOf(rel.target) : undefined;
      return Boolean(target && target.fields.has(attr) && !target.relations.has(attr));
    }
    return false;
  };
  const pureAttribute = (node: Node): boolean => {
    const obj = field(node, 'object')!;
    const attr = field(node, 'attribute')!.text;
    if (obj.type !== 'identifier' || obj.text !== self) return true;
    const parent = node.parent;
    // Method calls are checked as calls.
    if (parent?.type === 'call' && field(parent, 'function')?.id === node.id) return true;
    if (model.fields.has(attr) && !model.relations.has(attr)) return true;
    const rel = model.relations.get(attr);
    if (rel && rel.kind !== 'm2m') {
      // Only a field of the related row: the relation object itself would be str()'d or handed on.
      const outer = parent?.type === 'attribute' && field(parent, 'object')?.id === node.id ? parent : undefined;
      const target = fc.orm.modelOf(rel.target);
      const leaf = outer ? field(outer, 'attribute')!.text : undefined;
      if (!outer || !target || !leaf || !target.fields.has(leaf) || target.relations.has(leaf)) return false;
      if (outer.parent?.type === 'call' && field(outer.parent, 'function')?.id === outer.id) return false;
      purity.relations.add(rel.name);
      return true;
    }
    // A property: pure when its getter is.
    const prop = findMethod(fc.project, model.cls, attr);
    if (prop && prop.decorators.some((d) => /property$/.test(d.text))) {
      const inner = pureMethod(fc, prop, model, depth + 1);
      if (!inner) return false;
      for (const r of inner.relations) purity.relations.add(r);
      return true;
    }
    return false;
  };
  return ok(method.body) ? purity : undefined;
}

function isAttributeObject(node: Node): boolean {
  const p = node.parent;
  return Boolean(p && p.type === 'attribute' && field(p, 'object')?.id === node.id);
}
