# fixture-options: entry=all
from django.http import JsonResponse


async def profile(request):
    """The signed-in user's name."""
    user = await request.auser()
    if not user.is_authenticated:
        return JsonResponse({}, status=401)
    return JsonResponse({"name": user.get_username(), "staff": user.is_staff})


async def greet(request):
    user = await request.auser()
    return JsonResponse({"hello": user.get_username()})
