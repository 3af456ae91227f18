# fixture-options: entry=all django=4.1
from asgiref.sync import sync_to_async
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


async def add_book(request, pk):
    author = await Author.objects.aget(pk=pk)
    await sync_to_async(author.book_set.create)()
    return await author.book_set.acount()
