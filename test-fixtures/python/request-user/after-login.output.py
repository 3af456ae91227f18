# fixture-options: entry=all
from django.contrib.auth import aauthenticate, alogin
from django.http import JsonResponse


async def sign_in(request):
    request_user = await request.auser()
    was = request_user.is_authenticated
    user = await aauthenticate(request, username=request.POST["u"], password=request.POST["p"])
    await alogin(request, user)
    return JsonResponse({"was": was, "now": request.user.get_username()})
