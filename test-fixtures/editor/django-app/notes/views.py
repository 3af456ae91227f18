import time

from django.http import JsonResponse

from .remote import fetch_status


def status(request):
    return JsonResponse({"status": fetch_status()})


def wait(request):
    time.sleep(0.5)
    return JsonResponse({"waited": True})
