# fixture-options: entry=all
from django.http import JsonResponse

from .models import Visit
from .tasks import store_visit


def note_visit(path):
    store_visit.enqueue(path)


def counted(request):
    note_visit(request.path)
    return JsonResponse({"visits": Visit.objects.count()})


def queued(request):
    store_visit.enqueue(request.path)
    return JsonResponse({"visits": Visit.objects.count()})
