# Both views import the helper inside their bodies. `staff_panels` keeps a sync caller
# (jobs.py), so it gets an async twin: the view that imported the name adds the twin to
# its own import (a module-level import could bring back the cycle the function-level one
# avoids), and the view that imported the module calls the twin through it.
from django.http import HttpResponse, JsonResponse

from .models import Panel


async def panel_count(request):
    return HttpResponse(str(await Panel.objects.acount()))


async def staff_list(request):
    from .services import staff_panels, astaff_panels

    return JsonResponse({"panels": await astaff_panels()})


async def staff_list_by_module(request):
    from hub import services

    return JsonResponse({"panels": await services.astaff_panels()})
