# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)

    def __str__(self):
        return f"{self.title} by {self.author.name}"


async def label(request, pk):
    book = await Book.objects.aget(pk=pk)

    def _sync_block(book):
        return JsonResponse({"label": str(book), "heading": f"{book}"})

    return await sync_to_async(_sync_block)(book)
