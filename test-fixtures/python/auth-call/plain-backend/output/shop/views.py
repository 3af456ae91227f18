from asgiref.sync import sync_to_async
from django.contrib.auth import alogin, alogout, authenticate
from django.http import JsonResponse


async def sign_in(request):
    user = await sync_to_async(authenticate)(request, username=request.POST["u"], password=request.POST["p"])
    if user is None:
        return JsonResponse({}, status=401)
    await alogin(request, user)
    return JsonResponse({"ok": True})


async def sign_out(request):
    await alogout(request)
    return JsonResponse({"ok": True})
