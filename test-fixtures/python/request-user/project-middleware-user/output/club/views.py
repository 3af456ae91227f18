from asgiref.sync import sync_to_async
from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from club.models import Locker


async def greeting(request):
    if await sync_to_async(lambda: request.user.is_authenticated)():
        return JsonResponse({"hello": await sync_to_async(lambda: request.user.get_username())()})
    return JsonResponse({"hello": "guest"})


def locker(request, pk):
    box = get_object_or_404(Locker, pk=pk, owner=request.user)
    return JsonResponse({"number": box.number})
