# fixture-options: paths=shop/views.py
# Run on shop/views.py only: shop/tests.py, outside the paths, calls ping()
# synchronously and cannot be changed to await it, so ping stays sync and the
# finding names the test.
import time

from django.http import JsonResponse


def ping(request):
    time.sleep(0.1)
    return JsonResponse({"ok": True})
