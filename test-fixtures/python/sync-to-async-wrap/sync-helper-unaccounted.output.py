# fixture-options: entry=all
import analytics
from asgiref.sync import sync_to_async
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


def record(event):
    analytics.track(event)


async def book_count(request):
    count = await Book.objects.acount()
    await sync_to_async(record)("book_count")
    return JsonResponse({"count": count})
