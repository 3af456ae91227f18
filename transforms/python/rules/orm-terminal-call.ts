// Terminal QuerySet / manager calls → their awaited a* forms (Django 4.1),
// through chains: Book.objects.filter(...).order_by(...).first() → await ....afirst().
import { syncToAsyncEdits } from '../call-rewrite.js';
import { awaitEdits, ruleMeta, type PythonRule, type Site } from '../context.js';
import { TERMINAL_METHODS } from '../orm.js';
import { field } from '../parser.js';

export const ormTerminalCall: PythonRule = {
  meta: ruleMeta({
    id: 'orm-terminal-call',
    safety: 'safe',
    minTargets: { django: '4.1' },
    docs: {
      summary: 'Awaits the async form of QuerySet and manager methods that run a query (get → aget, count → acount, ...).',
      whatItDoes:
        'Finds calls of get, create, get_or_create, update_or_create, count, exists, first, last, update, delete, aggregate, in_bulk, bulk_create, bulk_update, latest, earliest, contains and explain whose receiver is a manager or QuerySet of a project model (read from models.py: `Book.objects`, `Book.objects.filter(...).order_by(...)`, a related manager, a variable holding a QuerySet) and renames the final call to its `a` form with `await`. Receivers that are not provably QuerySets (`dict.get`, `session.get`) are left alone. Below Django 4.1 the call runs through sync_to_async instead.',
      why: 'Query methods touch the database; in async code the sync forms raise SynchronousOnlyOperation.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.db import models\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    published = models.BooleanField(default=False)\n\n\ndef latest(request):\n    return Book.objects.filter(published=True).order_by(\"-id\").first()\n",
        after:
          "# fixture-options: entry=all\nfrom django.db import models\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    published = models.BooleanField(default=False)\n\n\nasync def latest(request):\n    return await Book.objects.filter(published=True).order_by(\"-id\").afirst()\n",
      },
      safety:
        'Safe: the a* methods run the same query (through sync_to_async inside Django). A project manager class that defines the method itself (a singleton manager\'s `get()`) is the exception: Django\'s manager passes `aget()` to its QuerySet, which would skip the override, so that call runs through sync_to_async (review). Related-manager create/get_or_create/update_or_create need Django 4.2; older targets use sync_to_async (review).',
    },
  }),
  detect(fc) {
    const sites: Site[] = [];
    for (const call of fc.calls()) {
      const callee = field(call, 'function');
      if (callee?.type !== 'attribute' || fc.isAwaited(call)) continue;
      const attr = field(callee, 'attribute')!;
      const asyncName = TERMINAL_METHODS[attr.text];
      if (!asyncName || attr.text === 'iterator') continue;
      const receiver = field(callee, 'object')!;
      const t = fc.typeOf(receiver);
      if (!t || (t.kind !== 'queryset' && t.kind !== 'manager')) continue;
      const blocked = fc.cannotAwait(call);
      if (blocked) {
        sites.push(fc.site('orm-terminal-call', call, 'manual', `${callee.text}() runs a query, but ${blocked}; restructure it so the query can be awaited`, [], { seed: false }));
        continue;
      }
      // A manager of the project's own that defines get() (or aget()): aget() would not run it.
      const override = fc.orm.managerOverride(t, attr.text, asyncName);
      if (override) {
        const { edits, imports } = syncToAsyncEdits(fc, call, callee, true);
        sites.push(
          fc.site(
            'orm-terminal-call',
            call,
            'review',
            `${callee.text}() runs ${override.cls!.name}.${override.name}() (line ${override.node.startPosition.row + 1}), not Django's ${attr.text}(): Django's manager hands ${asyncName}() to its QuerySet, which would skip it, so it runs through sync_to_async`,
            edits,
            { imports },
          ),
        );
        continue;
      }
      const related = t.kind === 'manager' && t.related && ['create', 'get_or_create', 'update_or_create'].includes(attr.text);
      const min = related ? '4.2' : '4.1';
      if (!fc.ac.django(min)) {
        const { edits, imports } = syncToAsyncEdits(fc, call, callee, true);
        sites.push(
          fc.site('orm-terminal-call', call, 'review', `${callee.text}() runs a query; ${asyncName}() needs Django ${min} (target ${fc.ac.targets.django}), so it runs through sync_to_async`, edits, { imports }),
        );
        continue;
      }
      sites.push(
        fc.site('orm-terminal-call', call, 'safe', `${attr.text}() runs a query; await ${asyncName}() instead`, [
          ...awaitEdits(call),
          { start: attr.startIndex, end: attr.endIndex, text: asyncName },
        ]),
      );
    }
    return sites;
  },
};
