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
        before: 'def detail(request, pk):\n    book = get_object_or_404(Book, pk=pk)\n',
        after: 'async def detail(request, pk):\n    book = await aget_object_or_404(Book, pk=pk)\n',
      },
      safety: 'Safe on Django 5.0+ (same query, same Http404). The sync_to_async fallback for older targets is marked for review.',
    },
  }),
  detect: (fc) => catalogSites(fc, 'get-object-or-404'),
};
