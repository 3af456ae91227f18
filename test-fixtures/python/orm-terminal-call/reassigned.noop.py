# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


def view(request):
    books = Book.objects.all()
    books = ["a", "b", "a"]
    return books.count("a")
