// QuerySet evaluation that is not a loop: len(qs), a truth test (`if qs:`,
// `not qs`, `bool(qs)`) and indexing (`qs[0]`) each run the query. Part of the
// orm-iteration rule: same pattern (a QuerySet evaluated in async code), same
// fix (an awaited form).
import type { PyNode as Node } from '../tree.js';
import type { TextEdit } from '../../core/types.js';
import { awaitEdits, needsParens, type FunctionContext, type Site } from '../context.js';
import { callArguments, childrenOf, field } from '../parser.js';

const RULE = 'orm-iteration';

/** Sites for len(), truth tests and indexing of provable QuerySets in one function. */
export function evaluationSites(fc: FunctionContext): Site[] {
  const sites: Site[] = [];
  const seen = new Set<number>();
  for (const node of fc.nodes()) {
    if (seen.has(node.id)) continue;
    const callee = node.type === 'call' ? field(node, 'function') : undefined;
    const name = callee ? fc.externalName(callee) : undefined;
    if (name === 'builtins.len' || name === 'builtins.bool') {
      const args = callArguments(node);
      if (args.positional.length !== 1 || args.keywords.size || args.splat) continue;
      const qs = args.positional[0];
      if (!isQuerySet(fc, qs) || fc.isAwaited(node)) continue;
      seen.add(qs.id);
      sites.push(name === 'builtins.len' ? lenSite(fc, node, qs) : truthSite(fc, node, qs, `bool(${qs.text})`));
    } else if (callee && (EAGER_CONSUMERS.test(name ?? '') || isJoin(callee)) && !fc.isAwaited(node)) {
      const args = callArguments(node);
      const qs = args.positional[0];
      if (!qs || !isQuerySet(fc, qs)) continue;
      seen.add(qs.id);
      sites.push(consumerSite(fc, node, qs, callee.type === 'attribute' ? `.${field(callee, 'attribute')!.text}()` : `${callee.text}()`));
    } else if (callee && LAZY_CONSUMERS.test(name ?? '')) {
      const qs = callArguments(node).positional.find((a) => isQuerySet(fc, a));
      if (!qs) continue;
      seen.add(qs.id);
      sites.push(fc.site(RULE, node, 'manual', `${callee.text}() iterates the QuerySet ${qs.text} when it is consumed, which runs the query synchronously; collect it first ([x async for x in ${qs.text}]) and pass the list`, [], { seed: false }));
    } else if (node.type === 'subscript') {
      const value = field(node, 'value');
      const subs = node.childrenForFieldName('subscript').filter(Boolean) as Node[];
      if (!value || subs.length !== 1 || subs[0].type === 'slice' || !isQuerySet(fc, value)) continue;
      if (isAssignTarget(node)) continue;
      seen.add(value.id);
      sites.push(indexSite(fc, node, value, subs[0]));
    } else if (isQuerySetCandidate(node) && (inTruthTest(node) || valueOfBooleanOperator(node)) && isQuerySet(fc, node)) {
      seen.add(node.id);
      sites.push(truthSite(fc, node, node, node.text));
    }
  }
  return sites;
}

/** Builtins that iterate their first argument to the end before returning (list() is orm-iteration's own). */
const EAGER_CONSUMERS = /^builtins\.(tuple|set|frozenset|sorted|dict|sum|min|max|any|all|enumerate)$/;
/** Builtins that return an iterator over the QuerySet, iterated later wherever it is consumed. */
const LAZY_CONSUMERS = /^builtins\.(zip|map|filter|iter|reversed)$/;

/** `sep.join(qs)`: str.join iterates its argument (a values_list(flat=True) of strings). */
function isJoin(callee: Node): boolean {
  return callee.type === 'attribute' && field(callee, 'attribute')?.text === 'join';
}

/**
 * `sorted(qs, key=...)`, `dict(qs.values_list(...))`, `", ".join(qs)`...: the
 * QuerySet argument becomes `[x async for x in qs]`. Iterating it runs the same
 * query and fills the same result cache, and the consumer gets the same items in
 * the same order, so the result is identical.
 */
function consumerSite(fc: FunctionContext, call: Node, qs: Node, shown: string): Site {
  const blocked = fc.cannotAwait(call);
  if (blocked) return fc.site(RULE, call, 'manual', `${shown} iterates the QuerySet ${qs.text}, which runs the query, but ${blocked}; collect it before ([x async for x in ${qs.text}])`, [], { seed: false });
  if (!fc.ac.django('4.1')) {
    const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
    return fc.site(RULE, call, 'review', `${shown} iterates the QuerySet ${qs.text}, which runs the query; async iteration needs Django 4.1 (target ${fc.ac.targets.django}), so the rows are fetched through sync_to_async`, [
      { start: qs.startIndex, end: qs.startIndex, text: `await ${imp.local}(list)(` },
      { start: qs.endIndex, end: qs.endIndex, text: ')' },
    ], { imports: [imp], claims: [qs] });
  }
  const v = elementName(fc, qs);
  return fc.site(
    RULE,
    call,
    'safe',
    `${shown} iterates the QuerySet ${qs.text}, which runs the query; the rows are collected with an async comprehension first (the same query, items and order)`,
    [
      { start: qs.startIndex, end: qs.startIndex, text: `[${v} async for ${v} in ` },
      { start: qs.endIndex, end: qs.endIndex, text: ']' },
    ],
    { claims: [qs] },
  );
}

function isQuerySet(fc: FunctionContext, node: Node): boolean {
  return fc.typeOf(node)?.kind === 'queryset';
}

function isQuerySetCandidate(node: Node): boolean {
  return node.type === 'identifier' || node.type === 'call' || node.type === 'attribute' || node.type === 'subscript';
}

/** Whether only the truth value of the expression is used (so `await qs.aexists()` can stand in for it). */
export function inTruthTest(node: Node): boolean {
  const p = node.parent;
  if (!p) return false;
  switch (p.type) {
    case 'if_statement':
    case 'elif_clause':
    case 'while_statement':
      return field(p, 'condition')?.id === node.id;
    case 'if_clause':
    case 'not_operator':
    case 'assert_statement':
      return childrenOf(p)[0]?.id === node.id;
    case 'conditional_expression':
      return childrenOf(p)[1]?.id === node.id;
    case 'boolean_operator':
      // `qs and x` is `qs` itself when empty: only a truth test of the whole may test qs alone.
      return inTruthTest(p);
    case 'parenthesized_expression':
      return inTruthTest(p);
    default:
      return false;
  }
}

/** Whether the expression's value is a bare QuerySet that a boolean operator hands on (`qs or default`). */
function valueOfBooleanOperator(node: Node): boolean {
  let p = node.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  return p?.type === 'boolean_operator';
}

function lenSite(fc: FunctionContext, call: Node, qs: Node): Site {
  const blocked = fc.cannotAwait(call);
  if (blocked) return fc.site(RULE, call, 'manual', `len(${qs.text}) runs the query, but ${blocked}; count it before (await ${qs.text}.acount())`, [], { seed: false });
  if (!fc.ac.django('4.1')) return threadSite(fc, call, qs, 'len', `len(${qs.text}) runs the query`);
  return fc.site(
    RULE,
    call,
    'safe',
    `len(${qs.text}) fetches every row to count them; await ${qs.text}.acount() counts in the database (it reuses the rows when the QuerySet was already evaluated)`,
    [...awaitEdits(call), { start: call.startIndex, end: qs.startIndex, text: '' }, { start: qs.endIndex, end: call.endIndex, text: '.acount()' }],
    { claims: [qs] },
  );
}

/** `if qs:` / `not qs` / `bool(qs)` → `await qs.aexists()`; `node` is what gets replaced. */
function truthSite(fc: FunctionContext, node: Node, qs: Node, shown: string): Site {
  const blocked = fc.cannotAwait(node);
  if (blocked) return fc.site(RULE, node, 'manual', `${shown} runs the query to test it, but ${blocked}; test it before (await ${qs.text}.aexists())`, [], { seed: false });
  if (node.id === qs.id && valueOfBooleanOperator(node) && !inTruthTest(node)) {
    return fc.site(RULE, node, 'manual', `${qs.text} is tested for truth and handed on as a value (\`${node.parent?.text}\`); that runs the query. Test it with await ${qs.text}.aexists() and choose the value explicitly`, [], { seed: false });
  }
  if (!fc.ac.django('4.1')) return threadSite(fc, node, qs, 'bool', `${shown} runs the query to test it`);
  const edits: TextEdit[] =
    node.id === qs.id
      ? [...awaitEdits(node), { start: node.endIndex, end: node.endIndex, text: '.aexists()' }]
      : [...awaitEdits(node), { start: node.startIndex, end: qs.startIndex, text: '' }, { start: qs.endIndex, end: node.endIndex, text: '.aexists()' }];
  return fc.site(RULE, node, 'safe', `${shown} fetches every row to test whether there is one; await ${qs.text}.aexists() asks the database (it reuses the rows when the QuerySet was already evaluated)`, edits, { claims: [qs] });
}

/** Django < 4.1: `len(qs)` → `await sync_to_async(len)(qs)`, a truth test → `await sync_to_async(bool)(qs)`. */
function threadSite(fc: FunctionContext, node: Node, qs: Node, fn: 'len' | 'bool', what: string): Site {
  const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
  let edits: TextEdit[];
  if (node.id === qs.id) {
    const paren = needsParens(node);
    edits = [
      { start: node.startIndex, end: node.startIndex, text: `${paren ? '(' : ''}await ${imp.local}(${fn})(` },
      { start: node.endIndex, end: node.endIndex, text: paren ? '))' : ')' },
    ];
  } else {
    const callee = field(node, 'function')!;
    edits = [...awaitEdits(node), { start: callee.startIndex, end: callee.endIndex, text: `${imp.local}(${fn})` }];
  }
  return fc.site(RULE, node, 'review', `${what}; the async QuerySet methods need Django 4.1 (target ${fc.ac.targets.django}), so it runs through sync_to_async`, edits, { imports: [imp], claims: [qs] });
}

/** `qs[0]` → `[b async for b in qs[:1]][0]`: the same LIMIT query, the same ordering, the same IndexError. */
function indexSite(fc: FunctionContext, node: Node, qs: Node, index: Node): Site {
  const blocked = fc.cannotAwait(node);
  if (blocked) return fc.site(RULE, node, 'manual', `${node.text} runs a query, but ${blocked}`, [], { seed: false });
  const literal = index.type === 'integer' && /^\d+$/.test(index.text) ? Number(index.text) : undefined;
  const plain = index.type === 'identifier';
  if (literal === undefined && !plain) {
    return fc.site(RULE, node, 'manual', `${node.text} runs a query; slice it (${qs.text}[i:i + 1]) and collect it with an async comprehension, or use await ${qs.text}.afirst() if None instead of IndexError (and ordering by pk when unordered) is fine`, [], { seed: false });
  }
  const evaluated = evaluatedBefore(fc, qs, node);
  if (evaluated) {
    return fc.site(RULE, node, 'manual', `${node.text} runs a query unless ${qs.text} was already evaluated (${evaluated}); index the evaluated rows (a list) instead`, [], { seed: false });
  }
  const slice = literal !== undefined ? (literal === 0 ? ':1' : `${literal}:${literal + 1}`) : `${index.text}:${index.text} + 1`;
  const v = elementName(fc, qs);
  if (!fc.ac.django('4.1')) {
    const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
    return fc.site(RULE, node, 'review', `${node.text} runs a query; async iteration needs Django 4.1 (target ${fc.ac.targets.django}), so the one row is fetched through sync_to_async`, [
      { start: node.startIndex, end: node.endIndex, text: `(await ${imp.local}(list)(${qs.text}[${slice}]))[0]` },
    ], { imports: [imp], claims: [qs] });
  }
  return fc.site(
    RULE,
    node,
    'safe',
    `${node.text} runs a query for one row; it is fetched with an async comprehension over ${qs.text}[${slice}] (the same LIMIT query and ordering, and IndexError when there is no row; afirst() would return None and order an unordered QuerySet by pk)`,
    [{ start: node.startIndex, end: node.endIndex, text: `[${v} async for ${v} in ${qs.text}[${slice}]][0]` }],
    { claims: [qs] },
  );
}

/**
 * When the QuerySet variable may hold fetched rows at the subscript (it is
 * iterated or handed on earlier, or in the same loop), indexing reads them
 * without a query and slicing returns a list: say where.
 */
function evaluatedBefore(fc: FunctionContext, qs: Node, at: Node): string | undefined {
  if (qs.type !== 'identifier') return undefined;
  const loops: Node[] = [];
  for (let p = at.parent; p && p.id !== fc.fn.body.id; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') loops.push(p);
  for (const n of fc.nodes()) {
    if (n.type !== 'identifier' || n.text !== qs.text || n.id === qs.id) continue;
    if (!evaluates(n)) continue;
    const before = n.startIndex < at.startIndex;
    const sameLoop = loops.some((l) => l.startIndex <= n.startIndex && n.endIndex <= l.endIndex);
    if (before || sameLoop) return `line ${n.startPosition.row + 1}: ${statementText(n)}`;
  }
  return undefined;
}

/** Whether a read of a QuerySet variable may fill its result cache (anything but chaining or indexing it). */
function evaluates(n: Node): boolean {
  const p = n.parent;
  if (!p) return false;
  if ((p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'for_statement' || p.type === 'for_in_clause') && field(p, 'left')?.id === n.id) return false;
  if ((p.type === 'keyword_argument' && field(p, 'name')?.id === n.id) || (p.type === 'attribute' && field(p, 'attribute')?.id === n.id)) return false;
  if (p.type === 'attribute' && field(p, 'object')?.id === n.id) return false;
  if (p.type === 'subscript' && field(p, 'value')?.id === n.id) return false;
  if (p.type === 'argument_list' && p.parent?.type === 'call' && /^(len|bool)$/.test(field(p.parent, 'function')?.text ?? '')) return false;
  return !inTruthTest(n);
}

function statementText(n: Node): string {
  let s: Node = n;
  while (s.parent && s.parent.type !== 'block' && s.parent.type !== 'module') s = s.parent;
  const first = s.text.split('\n')[0];
  return first.length > 60 ? `${first.slice(0, 57)}...` : first;
}

function elementName(fc: FunctionContext, qs: Node): string {
  const t = fc.typeOf(qs);
  const model = t?.kind === 'queryset' ? t.model?.cls.name : undefined;
  const base = model ? model.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : 'obj';
  for (const c of [base, 'obj', 'item', 'row']) if (!new RegExp(`\\b${c}\\b`).test(qs.text)) return c;
  return '_obj';
}

function isAssignTarget(node: Node): boolean {
  const p = node.parent;
  return Boolean(p && (p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'delete_statement') && (field(p, 'left')?.id === node.id || p.type === 'delete_statement'));
}
