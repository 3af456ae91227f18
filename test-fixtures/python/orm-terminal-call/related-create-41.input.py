# fixture-options: entry=all django=4.1
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


def add_book(request, pk):
    author = Author.objects.get(pk=pk)
    author.book_set.create()
    return author.book_set.count()
