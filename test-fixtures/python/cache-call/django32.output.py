# fixture-options: entry=all django=3.2
from django.core.cache import cache
from asgiref.sync import sync_to_async


async def counter(request):
    return await sync_to_async(cache.get)("hits")
