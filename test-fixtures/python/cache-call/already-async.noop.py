from django.core.cache import cache


async def view(request):
    return await cache.aget("hits")
