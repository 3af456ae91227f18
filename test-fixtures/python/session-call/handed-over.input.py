# fixture-options: entry=all django=5.1
import time

from django.http import JsonResponse


def summary(request):
    time.sleep(0.1)
    return JsonResponse({"n": len(request.session)})
