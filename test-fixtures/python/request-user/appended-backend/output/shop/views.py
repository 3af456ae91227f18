from asgiref.sync import sync_to_async
from django.contrib.auth import get_user
from django.http import JsonResponse


async def whoami(request):
    user = await sync_to_async(get_user)(request)
    return JsonResponse({"name": user.get_username()})
