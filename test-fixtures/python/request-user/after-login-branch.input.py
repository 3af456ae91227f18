# fixture-options: entry=all
from django.contrib.auth import logout
from django.http import JsonResponse


def maybe_sign_out(request):
    if request.GET.get("out"):
        logout(request)
    return JsonResponse({"name": request.user.get_username()})
