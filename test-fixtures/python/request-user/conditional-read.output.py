# fixture-options: entry=all
from django.http import HttpResponse, JsonResponse


async def dashboard(request):
    # The sync code reads the user only for admin paths: the load at the top runs on every
    # call (a session read, which adds Vary: Cookie), so it is a review change.
    user = await request.auser()
    if "/admin/" in request.path and not user.is_superuser:
        return HttpResponse(status=403)
    return HttpResponse("ok")


async def badge(request):
    # A statement before the first read may return: the load runs before it.
    user = await request.auser()
    if request.GET.get("plain"):
        return JsonResponse({})
    return JsonResponse({"name": user.get_username()})
