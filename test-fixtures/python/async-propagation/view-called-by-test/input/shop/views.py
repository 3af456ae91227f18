import time

from django.http import JsonResponse


def ping(request):
    time.sleep(0.1)
    return JsonResponse({"ok": True})
