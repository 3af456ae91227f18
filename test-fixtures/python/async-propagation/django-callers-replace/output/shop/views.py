import asyncio

from asgiref.sync import sync_to_async
from django.http import JsonResponse

from shop.context_processors import cart
from shop.templatetags.shop_tags import stock


async def summary(request):
    await asyncio.sleep(0.1)
    return JsonResponse({**await sync_to_async(cart)(request), "widgets": await sync_to_async(stock)("widget")})
