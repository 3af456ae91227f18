import asyncio

from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def helper(pk):
    return pk


async def view(request, pk):
    book = await Book.objects.aget(pk=pk)
    await asyncio.sleep(1)
    await helper(pk)
    title = (await Book.objects.afirst()).title
    await book.asave()
    return title
