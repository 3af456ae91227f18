# fixture-options: entry=all django=3.2
from asgiref.sync import sync_to_async
from django.core.cache import cache


async def counter(request):
    return await sync_to_async(cache.get)("hits")
