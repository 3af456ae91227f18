# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


class Draft:
    def save(self):
        return self


def view(request, pk):
    book = Book(title="x")
    book = Draft()
    book.save()
    return book
