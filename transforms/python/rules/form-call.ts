// Forms are sync-only: a ModelForm's is_valid() runs unique checks (queries),
// save() writes, ModelChoiceField querysets and clean_* methods may query. The
// accounting pass (transforms/python/accounting.ts) finds form work in code that
// becomes async; the adapter moves it into one sync_to_async block, or keeps the
// view sync and says why. This module is the rule's metadata.
import { ruleMeta, type PythonRule } from '../context.js';

export const formCall: PythonRule = {
  meta: ruleMeta({
    id: 'form-call',
    safety: 'review',
    docs: {
      summary: 'Runs form work (building, validating and saving Django forms) in a view that becomes async through one sync_to_async block, or keeps the view sync.',
      whatItDoes:
        'In a function that becomes async, building a form (a class deriving from `django.forms`), `form.is_valid()`, `form.errors`, `form.save()`, formsets and anything else done with a form is work awaitify cannot convert: forms have no async API. The statements that do it (with the statements between them that await nothing) move into a nested `def _sync_block(...)` that runs through `await sync_to_async(_sync_block)(...)`: one thread hop for the whole form step. Locals the block reads are passed in, locals it sets that later code reads are returned, and a `return` inside it still returns from the view. When the statements cannot move (they await, yield, set a local that later code reads on some paths only, or the run applies only safe changes with `--safety safe`), the view stays sync and a manual finding names the form operation and its line.',
      why: 'A ModelForm validates unique fields with queries and saves with the sync ORM; ModelChoiceField querysets and clean_* methods may query too. In async code each raises SynchronousOnlyOperation.',
      example: {
        before: "# fixture-options: entry=all\nfrom django import forms\nfrom django.db import models\nfrom django.http import JsonResponse\nfrom django.shortcuts import redirect\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100, unique=True)\n\n\nclass BookForm(forms.ModelForm):\n    class Meta:\n        model = Book\n        fields = [\"title\"]\n\n\ndef add_book(request):\n    count = Book.objects.count()\n    form = BookForm(request.POST)\n    if form.is_valid():\n        form.save()\n        return redirect(\"books\")\n    return JsonResponse({\"errors\": form.errors, \"count\": count}, status=400)\n",
        after: "# fixture-options: entry=all\nfrom asgiref.sync import sync_to_async\nfrom django import forms\nfrom django.db import models\nfrom django.http import JsonResponse\nfrom django.shortcuts import redirect\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100, unique=True)\n\n\nclass BookForm(forms.ModelForm):\n    class Meta:\n        model = Book\n        fields = [\"title\"]\n\n\nasync def add_book(request):\n    count = await Book.objects.acount()\n\n    def _sync_block(request, count):\n        form = BookForm(request.POST)\n        if form.is_valid():\n            form.save()\n            return redirect(\"books\")\n        return JsonResponse({\"errors\": form.errors, \"count\": count}, status=400)\n\n    return await sync_to_async(_sync_block)(request, count)\n",
      },
      safety: 'Review: the form work runs as before, in one thread-sensitive call; a person should check that nothing in the moved statements relies on running on the event loop. A view whose form work cannot move stays sync (manual).',
    },
  }),
};
