# fixture-options: entry=all
from django.core.cache import cache

cache = {"hits": 1}


def view(request):
    return cache.get("hits")
