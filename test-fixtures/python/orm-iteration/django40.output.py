# fixture-options: entry=all django=4.0
from asgiref.sync import sync_to_async
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def titles(request):
    names = [b.title for b in await sync_to_async(list)(Book.objects.all())]
    for book in await sync_to_async(list)(Book.objects.filter(title="")):
        names.append(book.pk)
    return names, await sync_to_async(list)(Book.objects.all())
