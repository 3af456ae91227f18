# fixture-options: entry=all django=5.0
from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def cart(request, item_id):
    items = await sync_to_async(request.session.get)("cart", [])
    items.append(item_id)
    await sync_to_async(request.session.__setitem__)("cart", items)
    request.session.modified = True
    if await sync_to_async(request.session.__contains__)("coupon"):
        await sync_to_async(request.session.__delitem__)("coupon")
    if not await sync_to_async(request.session.__contains__)("seen"):
        await sync_to_async(request.session.setdefault)("seen", 0)
    last = await sync_to_async(request.session.pop)("last", None)
    return JsonResponse({"items": items, "keys": list(await sync_to_async(request.session.keys)()), "last": last, "owner": await sync_to_async(request.session.__getitem__)("owner")})


async def sign_out(request):
    await sync_to_async(request.session.flush)()
    return JsonResponse({"key": request.session.session_key})


async def rotate(request):
    await sync_to_async(request.session.cycle_key)()
    await sync_to_async(request.session.set_expiry)(300)
    return JsonResponse({})
