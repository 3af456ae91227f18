from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from club.models import Locker


def greeting(request):
    if request.user.is_authenticated:
        return JsonResponse({"hello": request.user.get_username()})
    return JsonResponse({"hello": "guest"})


def locker(request, pk):
    box = get_object_or_404(Locker, pk=pk, owner=request.user)
    return JsonResponse({"number": box.number})
