# fixture-options: entry=all django=5.1
from django.http import JsonResponse


def cart(request, item_id):
    items = request.session.get("cart", [])
    items.append(item_id)
    request.session["cart"] = items
    request.session.modified = True
    if "coupon" in request.session:
        del request.session["coupon"]
    if "seen" not in request.session:
        request.session.setdefault("seen", 0)
    last = request.session.pop("last", None)
    return JsonResponse({"items": items, "keys": list(request.session.keys()), "last": last, "owner": request.session["owner"]})


def sign_out(request):
    request.session.flush()
    return JsonResponse({"key": request.session.session_key})


def rotate(request):
    request.session.cycle_key()
    request.session.set_expiry(300)
    return JsonResponse({})
