from django.contrib.auth import aauthenticate, alogin, alogout
from django.http import JsonResponse


async def sign_in(request):
    user = await aauthenticate(request, username=request.POST["u"], password=request.POST["p"])
    if user is None:
        return JsonResponse({}, status=401)
    await alogin(request, user)
    return JsonResponse({"ok": True})


async def sign_out(request):
    await alogout(request)
    return JsonResponse({"ok": True})
