from django.contrib.auth import authenticate, login, logout
from django.http import JsonResponse


def sign_in(request):
    user = authenticate(request, username=request.POST["u"], password=request.POST["p"])
    if user is None:
        return JsonResponse({}, status=401)
    login(request, user)
    return JsonResponse({"ok": True})


def sign_out(request):
    logout(request)
    return JsonResponse({"ok": True})
