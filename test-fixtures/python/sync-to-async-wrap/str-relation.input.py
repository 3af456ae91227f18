# fixture-options: entry=all
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)

    def __str__(self):
        return f"{self.title} by {self.author.name}"


def label(request, pk):
    book = Book.objects.get(pk=pk)
    return JsonResponse({"label": str(book), "heading": f"{book}"})
