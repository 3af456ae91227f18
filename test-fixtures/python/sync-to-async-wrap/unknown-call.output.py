# fixture-options: entry=all
import analytics
from asgiref.sync import sync_to_async
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


async def book_count(request):
    count = await Book.objects.acount()

    def _sync_block(count):
        analytics.track("book_count", count)
        analytics.flush()

    await sync_to_async(_sync_block)(count)
    return JsonResponse({"count": count})
