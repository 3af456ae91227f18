# fixture-options: entry=all
from django.core.cache import caches


def view(request, cache):
    cache.get("x")
    local = {"hits": 1}
    return local.get("hits"), caches
