# fixture-options: entry=all django=5.1
from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def cart(request, item_id):
    items = await request.session.aget("cart", [])
    items.append(item_id)
    await request.session.aset("cart", items)
    request.session.modified = True
    if await request.session.ahas_key("coupon"):
        await request.session.apop("coupon")
    if not await request.session.ahas_key("seen"):
        await request.session.asetdefault("seen", 0)
    last = await request.session.apop("last", None)
    return JsonResponse({"items": items, "keys": list(await request.session.akeys()), "last": last, "owner": await sync_to_async(request.session.__getitem__)("owner")})


async def sign_out(request):
    await request.session.aflush()
    return JsonResponse({"key": request.session.session_key})


async def rotate(request):
    await request.session.acycle_key()
    await request.session.aset_expiry(300)
    return JsonResponse({})
