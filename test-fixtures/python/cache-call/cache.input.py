# fixture-options: entry=all
from django.core.cache import cache


def counter(request):
    hits = cache.get("hits", 0) + 1
    cache.set("hits", hits, timeout=60)
    cache.delete_many(["a", "b"])
    return cache.get_or_set("greeting", "hello")
