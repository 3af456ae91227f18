# fixture-options: entry=all django=5.1
from django.http import JsonResponse


async def cart(request):
    items = await request.session.aget("cart", [])
    await request.session.aset("cart", items)
    return JsonResponse({"items": items})
