from asgiref.sync import sync_to_async
from django.http import JsonResponse

from shop.context_processors import acart
from shop.templatetags.shop_tags import astock, label


async def summary(request):
    return JsonResponse({**await acart(request), "widgets": await astock("widget"), "label": await sync_to_async(label)("widget")})
