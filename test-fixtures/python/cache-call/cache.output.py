# fixture-options: entry=all
from django.core.cache import cache


async def counter(request):
    hits = await cache.aget("hits", 0) + 1
    await cache.aset("hits", hits, timeout=60)
    await cache.adelete_many(["a", "b"])
    return await cache.aget_or_set("greeting", "hello")
