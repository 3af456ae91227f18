# fixture-options: entry=all
from django.contrib.auth import authenticate, login
from django.http import JsonResponse


def sign_in(request):
    was = request.user.is_authenticated
    user = authenticate(request, username=request.POST["u"], password=request.POST["p"])
    login(request, user)
    return JsonResponse({"was": was, "now": request.user.get_username()})
