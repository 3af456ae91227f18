# fixture-options: entry=all django=3.2
from django.core.cache import cache


def counter(request):
    return cache.get("hits")
