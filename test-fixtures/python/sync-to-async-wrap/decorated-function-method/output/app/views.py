# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.http import JsonResponse

from .models import Visit
from .tasks import store_visit


def note_visit(path):
    store_visit.enqueue(path)


async def counted(request):
    await sync_to_async(note_visit)(request.path)
    return JsonResponse({"visits": await Visit.objects.acount()})


async def queued(request):
    def _sync_block(request):
        store_visit.enqueue(request.path)

    await sync_to_async(_sync_block)(request)
    return JsonResponse({"visits": await Visit.objects.acount()})
