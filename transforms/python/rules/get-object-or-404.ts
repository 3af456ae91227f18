// get_object_or_404 / get_list_or_404 → their async forms (Django 5.0).
import { catalogSites } from '../call-rewrite.js';
import { ruleMeta, type PythonRule } from '../context.js';

export const getObjectOr404: PythonRule = {
  meta: ruleMeta({
    id: 'get-object-or-404',
    safety: 'safe',
    minTargets: { django: '5.0' },
    docs: {
      summary: 'Replaces get_object_or_404()/get_list_or_404() with their awaited async forms.',
      whatItDoes:
        'In code that becomes async, `get_object_or_404(...)` becomes `await aget_object_or_404(...)` and `get_list_or_404(...)` becomes `await aget_list_or_404(...)` (Django 5.0+), imported from django.shortcuts. On older targets the call runs through `sync_to_async` instead.',
      why: 'Both shortcuts query the database; in an async view the sync form raises SynchronousOnlyOperation.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.db import models\nfrom django.shortcuts import get_object_or_404\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n\n\ndef detail(request, pk):\n    return get_object_or_404(Book, pk=pk).title\n",
        after:
          "# fixture-options: entry=all\nfrom django.db import models\nfrom django.shortcuts import aget_object_or_404\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n\n\nasync def detail(request, pk):\n    return (await aget_object_or_404(Book, pk=pk)).title\n",
      },
      safety: 'Safe on Django 5.0+ (same query, same Http404). The sync_to_async fallback for older targets is marked for review.',
    },
  }),
  detect: (fc) => catalogSites(fc, 'get-object-or-404'),
};
