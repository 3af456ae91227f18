# fixture-options: entry=all django=4.2
from django.db import models
from django.shortcuts import get_object_or_404


class Book(models.Model):
    title = models.CharField(max_length=100)


def detail(request, pk):
    return get_object_or_404(Book, pk=pk).title
