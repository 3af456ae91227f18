// Iterating a QuerySet runs its query: `for b in qs` → `async for b in qs`,
// comprehensions → async comprehensions, `list(qs)` → `[b async for b in qs]`.
import type { PyNode as Node } from '../tree.js';
import type { TextEdit } from '../../core/types.js';
import { ruleMeta, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { callArguments, field } from '../parser.js';
import { evaluationSites } from './queryset-evaluation.js';

const RULE = 'orm-iteration';

export const ormIteration: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'safe',
    minTargets: { django: '4.1' },
    docs: {
      summary: 'Turns loops, comprehensions, list(), len(), truth tests and indexing of QuerySets into their async forms.',
      whatItDoes:
        '`for b in qs:` becomes `async for b in qs:`, `[f(b) for b in qs]` becomes `[f(b) async for b in qs]`, `list(qs)` becomes `[b async for b in qs]`, and `qs.iterator()` in a loop becomes `qs.aiterator()`, when `qs` is provably a QuerySet (a chain from a model manager, or a variable every assignment of which is one). Slicing (`qs[10:20]`) stays lazy; iterating the slice is a loop like any other. The other ways of evaluating a QuerySet are rewritten too: `len(qs)` becomes `await qs.acount()`; a truth test (`if qs:`, `while qs:`, `not qs`, `bool(qs)`, `x if qs else y`, and `qs and ...` inside a condition) becomes `await qs.aexists()`; `qs[0]` (or `qs[n]`, `qs[i]`) becomes `[b async for b in qs[:1]][0]`, which runs the same LIMIT query with the same ordering and raises the same IndexError (`await qs.afirst()` is not the same: it returns None for no row and orders an unordered QuerySet by pk). What is not exactly equivalent is reported as manual with what to do: `qs or default` (the QuerySet is the value, not a bool), an index that is neither a literal nor a name, indexing a variable that may already hold fetched rows. Below Django 4.1 each evaluation runs through sync_to_async instead (`await sync_to_async(list)(qs)`, `await sync_to_async(len)(qs)`, `await sync_to_async(bool)(qs)`).',
      why: 'Iterating a QuerySet runs its query; in async code that raises SynchronousOnlyOperation.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.db import models\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    published = models.BooleanField(default=False)\n\n\ndef titles(request):\n    books = Book.objects.filter(published=True)\n    return [b.title for b in books]\n",
        after:
          "# fixture-options: entry=all\nfrom django.db import models\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    published = models.BooleanField(default=False)\n\n\nasync def titles(request):\n    books = Book.objects.filter(published=True)\n    return [b.title async for b in books]\n",
      },
      safety:
        'Safe: the same query runs once, and len()/truth tests get the same value (acount() and aexists() reuse the rows when the QuerySet was already evaluated). acount()/aexists() do not fill the result cache, so a QuerySet that is counted and then iterated runs two queries. A QuerySet evaluated inside a generator expression or lambda is reported, not rewritten.',
    },
  }),
  detect(fc) {
    const sites: Site[] = [];
    for (const node of fc.nodes()) {
      if (node.type === 'for_statement' && !isAsyncFor(node)) {
        const right = field(node, 'right');
        if (right) sites.push(...loopSite(fc, node, right, node.startIndex, 'for loop'));
      } else if (node.type === 'for_in_clause' && !isAsyncFor(node)) {
        const right = field(node, 'right');
        const owner = node.parent;
        if (!right || !owner) continue;
        if (owner.type === 'generator_expression') {
          if (fc.typeOf(right)?.kind === 'queryset') {
            sites.push(fc.site(RULE, node, 'manual', `a generator expression iterates the QuerySet ${right.text}; it cannot be async here: build a list first ([x async for x in ...])`, [], { seed: false }));
          }
          continue;
        }
        sites.push(...loopSite(fc, node, right, node.startIndex, 'comprehension'));
      } else if (node.type === 'call') {
        const callee = field(node, 'function');
        if (!callee || fc.externalName(callee) !== 'builtins.list' || fc.isAwaited(node)) continue;
        const args = callArguments(node);
        if (args.positional.length !== 1 || args.keywords.size || args.splat) continue;
        const arg = args.positional[0];
        const t = fc.typeOf(arg);
        if (t?.kind !== 'queryset') continue;
        const blocked = fc.cannotAwait(node);
        if (blocked) {
          sites.push(fc.site(RULE, node, 'manual', `list(${arg.text}) runs a query, but ${blocked}`, [], { seed: false }));
          continue;
        }
        if (!fc.ac.django('4.1')) {
          const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
          sites.push(
            fc.site(RULE, node, 'review', `list() runs the query; async iteration needs Django 4.1 (target ${fc.ac.targets.django}), so it runs through sync_to_async`, [
              { start: node.startIndex, end: callee.endIndex, text: `await ${imp.local}(list)` },
            ], { imports: [imp] }),
          );
          continue;
        }
        const v = loopVariable(fc, t.model?.cls.name, arg.text);
        sites.push(
          fc.site(RULE, node, 'safe', `list() runs the query; collect it with an async comprehension`, [
            { start: node.startIndex, end: arg.startIndex, text: `[${v} async for ${v} in ` },
            { start: arg.endIndex, end: node.endIndex, text: ']' },
          ]),
        );
      }
    }
    sites.push(...evaluationSites(fc));
    return sites;
  },
};

function isAsyncFor(node: Node): boolean {
  return node.children.some((c) => c?.type === 'async');
}

function loopSite(fc: FunctionContext, node: Node, right: Node, forStart: number, what: string): Site[] {
  let iteratorAttr: Node | undefined;
  let t = fc.typeOf(right);
  if (!t && right.type === 'call') {
    const f = field(right, 'function');
    if (f?.type === 'attribute' && field(f, 'attribute')!.text === 'iterator') {
      const base = fc.typeOf(field(f, 'object')!);
      if (base?.kind === 'queryset' || base?.kind === 'manager') {
        t = { kind: 'queryset', model: base.model };
        iteratorAttr = field(f, 'attribute')!;
      }
    }
  }
  if (t?.kind !== 'queryset') return [];
  const blocked = fc.cannotAwait(node);
  if (blocked) return [fc.site(RULE, node, 'manual', `this ${what} iterates a QuerySet, but ${blocked}`, [], { seed: false })];
  if (!fc.ac.django('4.1')) {
    const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
    return [
      fc.site(RULE, node, 'review', `this ${what} runs the query of ${right.text}; async iteration needs Django 4.1 (target ${fc.ac.targets.django}), so the QuerySet is evaluated through sync_to_async`, [
        { start: right.startIndex, end: right.startIndex, text: `await ${imp.local}(list)(` },
        { start: right.endIndex, end: right.endIndex, text: ')' },
      ], { imports: [imp] }),
    ];
  }
  const edits: TextEdit[] = [{ start: forStart, end: forStart, text: 'async ' }];
  if (iteratorAttr) edits.push({ start: iteratorAttr.startIndex, end: iteratorAttr.endIndex, text: 'aiterator' });
  return [fc.site(RULE, node, 'safe', `this ${what} runs the query of ${right.text}; iterate it with async for`, edits, { claims: right.type === 'call' ? [right] : [] })];
}

/** A comprehension variable that reads well and does not collide with the iterable's names. */
function loopVariable(fc: FunctionContext, modelName: string | undefined, iterable: string): string {
  const base = modelName ? modelName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : 'obj';
  for (const candidate of [base, 'obj', 'item', 'row']) {
    if (!new RegExp(`\\b${candidate}\\b`).test(iterable)) return candidate;
  }
  return '_obj';
}
