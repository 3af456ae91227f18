// Model instance save()/delete()/refresh_from_db() and related-manager
// add/remove/clear/set → their awaited a* forms (Django 4.2).
import { syncToAsyncEdits } from '../call-rewrite.js';
import { awaitEdits, ruleMeta, type PythonRule, type Site } from '../context.js';
import { INSTANCE_METHODS, RELATED_MANAGER_METHODS } from '../orm.js';
import { field } from '../parser.js';

export const ormInstanceCall: PythonRule = {
  meta: ruleMeta({
    id: 'orm-instance-call',
    safety: 'safe',
    minTargets: { django: '4.2' },
    docs: {
      summary: 'Awaits asave()/adelete()/arefresh_from_db() on model instances and aadd()/aremove()/aclear()/aset() on related managers.',
      whatItDoes:
        'When a variable provably holds a model instance (fetched with get/first/create/get_object_or_404, built with the model class, a loop variable over a QuerySet, or annotated with the model), its save(), delete() and refresh_from_db() calls become awaited asave(), adelete(), arefresh_from_db(); add/remove/clear/set on its many-to-many or reverse foreign-key managers become aadd/aremove/aclear/aset. Below Django 4.2 the call runs through sync_to_async.',
      why: 'These methods write to the database and raise SynchronousOnlyOperation in async code.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.db import models\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    published = models.BooleanField(default=False)\n\n\ndef rename(request, pk):\n    book = Book.objects.get(pk=pk)\n    book.title = \"New\"\n    book.save()\n",
        after:
          "# fixture-options: entry=all\nfrom django.db import models\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n    published = models.BooleanField(default=False)\n\n\nasync def rename(request, pk):\n    book = await Book.objects.aget(pk=pk)\n    book.title = \"New\"\n    await book.asave()\n",
      },
      safety: 'Safe: asave() calls save() (overrides included) through sync_to_async. The fallback for older targets is marked for review.',
    },
  }),
  detect(fc) {
    const sites: Site[] = [];
    for (const call of fc.calls()) {
      const callee = field(call, 'function');
      if (callee?.type !== 'attribute' || fc.isAwaited(call)) continue;
      const attr = field(callee, 'attribute')!;
      const receiver = field(callee, 'object')!;
      const t = fc.typeOf(receiver);
      let asyncName: string | undefined;
      if (t?.kind === 'instance' && t.model) asyncName = INSTANCE_METHODS[attr.text];
      else if (t?.kind === 'manager' && t.related) asyncName = RELATED_MANAGER_METHODS[attr.text];
      if (!asyncName) continue;
      const what = t!.kind === 'instance' ? `${t!.model!.cls.name} instance` : 'related manager';
      const blocked = fc.cannotAwait(call);
      if (blocked) {
        sites.push(fc.site('orm-instance-call', call, 'manual', `${callee.text}() writes to the database, but ${blocked}`, [], { seed: false }));
        continue;
      }
      if (!fc.ac.django('4.2')) {
        const { edits, imports } = syncToAsyncEdits(fc, call, callee, true);
        sites.push(fc.site('orm-instance-call', call, 'review', `${callee.text}() on a ${what} writes to the database; ${asyncName}() needs Django 4.2 (target ${fc.ac.targets.django}), so it runs through sync_to_async`, edits, { imports }));
        continue;
      }
      sites.push(
        fc.site('orm-instance-call', call, 'safe', `${attr.text}() on a ${what} writes to the database; await ${asyncName}() instead`, [
          ...awaitEdits(call),
          { start: attr.startIndex, end: attr.endIndex, text: asyncName },
        ]),
      );
    }
    return sites;
  },
};
