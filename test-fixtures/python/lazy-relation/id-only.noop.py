from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


async def author_id(request, pk):
    book = await Book.objects.aget(pk=pk)
    return book.author_id
