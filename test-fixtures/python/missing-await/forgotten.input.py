import asyncio

from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def helper(pk):
    return pk


async def view(request, pk):
    book = Book.objects.aget(pk=pk)
    asyncio.sleep(1)
    helper(pk)
    title = Book.objects.afirst().title
    await book.asave()
    return title
