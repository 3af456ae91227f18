# fixture-options: entry=all
from django.http import JsonResponse


def profile(request):
    """The signed-in user's name."""
    if not request.user.is_authenticated:
        return JsonResponse({}, status=401)
    return JsonResponse({"name": request.user.get_username(), "staff": request.user.is_staff})


def greet(request):
    user = request.user
    return JsonResponse({"hello": user.get_username()})
