from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def view(request, pk):
    book = await Book.objects.aget(pk=pk)
    await book.asave()
    return book
