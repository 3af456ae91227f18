from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


def author_name(request, pk):
    book = Book.objects.get(pk=pk)
    return book.author.name
