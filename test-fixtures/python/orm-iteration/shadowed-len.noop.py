# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


def len(value):
    return 0


def count(request):
    books = Book.objects.all()
    return {"count": len(books)}
