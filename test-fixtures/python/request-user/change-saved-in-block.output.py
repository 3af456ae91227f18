# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.http import HttpResponse
from django.utils import timezone


async def mark_seen(request):
    user = await request.auser()
    user.last_seen = timezone.now()

    def _sync_block(request):
        user.save()

    await sync_to_async(_sync_block)(request)
    return HttpResponse()
