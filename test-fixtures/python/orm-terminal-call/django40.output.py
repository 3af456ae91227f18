# fixture-options: entry=all django=4.0
from asgiref.sync import sync_to_async
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def count_books(request):
    n = await sync_to_async(Book.objects.filter(title__icontains="a").count)()
    return (await sync_to_async(Book.objects.get)(pk=n)).title
