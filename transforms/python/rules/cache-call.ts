// django.core.cache.cache.get/set/... → await cache.aget/aset/... (Django 4.0).
import { catalogSites } from '../call-rewrite.js';
import { ruleMeta, type PythonRule } from '../context.js';

export const cacheCall: PythonRule = {
  meta: ruleMeta({
    id: 'cache-call',
    safety: 'safe',
    minTargets: { django: '4.0' },
    docs: {
      summary: "Awaits the async cache API (aget, aset, adelete, ...) instead of the default cache's sync methods.",
      whatItDoes:
        'Calls on `django.core.cache.cache` (get, set, add, delete, get_many, set_many, delete_many, get_or_set, has_key, incr, decr, touch, clear, close) in code that becomes async are renamed to their `a`-prefixed forms and awaited. Other objects with a `get` method are left alone.',
      why: 'Cache backends do network or file I/O; the sync methods block the event loop.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.core.cache import cache\n\n\ndef count(request):\n    hits = cache.get(\"hits\", 0)\n    cache.set(\"hits\", hits + 1)\n    return hits\n",
        after:
          "# fixture-options: entry=all\nfrom django.core.cache import cache\n\n\nasync def count(request):\n    hits = await cache.aget(\"hits\", 0)\n    await cache.aset(\"hits\", hits + 1)\n    return hits\n",
      },
      safety: 'Safe: the async methods wrap the same backend. Below Django 4.0 the call runs through sync_to_async (review).',
    },
  }),
  detect: (fc) => catalogSites(fc, 'cache-call'),
};
