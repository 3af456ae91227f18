# fixture-options: entry=all
from django.contrib import auth
from django.contrib.auth import authenticate, login
from django.http import JsonResponse


def sign_in(request):
    user = authenticate(request, username=request.POST["u"], password=request.POST["p"])
    if user is None:
        return JsonResponse({"ok": False}, status=401)
    login(request, user)
    return JsonResponse({"ok": True})


def sign_out(request):
    auth.logout(request)
    return JsonResponse({"ok": True})
