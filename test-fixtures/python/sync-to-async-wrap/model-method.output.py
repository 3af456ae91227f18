# fixture-options: entry=all
import asyncio

from asgiref.sync import sync_to_async
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)

    def copies_sold(self):
        return Sale.objects.filter(book=self).count()


class Sale(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)


async def stats(request, pk):
    await asyncio.sleep(0)
    book = await Book.objects.aget(pk=pk)
    return await sync_to_async(book.copies_sold)()
