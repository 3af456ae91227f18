# fixture-options: entry=all django=4.1
from asgiref.sync import sync_to_async
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def retitle(request, pk):
    book = await Book.objects.aget(pk=pk)
    await sync_to_async(book.save)()
