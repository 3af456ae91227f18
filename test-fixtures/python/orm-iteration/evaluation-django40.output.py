# fixture-options: entry=all django=4.0
from asgiref.sync import sync_to_async
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
    published = models.BooleanField(default=False)


async def summary(request):
    books = Book.objects.filter(published=True).order_by("title")
    if not await sync_to_async(bool)(books):
        return {"count": 0}
    return {"count": await sync_to_async(len)(books), "first": (await sync_to_async(list)(books[:1]))[0].title}
