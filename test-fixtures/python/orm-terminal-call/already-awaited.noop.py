from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def view(request, pk):
    book = await Book.objects.filter(pk=pk).afirst()
    return await Book.objects.acount() + len(book.title)
