# fixture-options: api=replace
import time

from django.http import JsonResponse
from django.views.decorators.http import require_GET


def by_weight(name):
    time.sleep(0.01)
    return len(name)


@require_GET
def ordered(request):
    return JsonResponse({"names": sorted(["b", "aa"], key=by_weight)})
