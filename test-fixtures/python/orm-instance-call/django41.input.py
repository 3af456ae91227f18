# fixture-options: entry=all django=4.1
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


def retitle(request, pk):
    book = Book.objects.get(pk=pk)
    book.save()
