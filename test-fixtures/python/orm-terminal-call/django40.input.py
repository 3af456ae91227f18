# fixture-options: entry=all django=4.0
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


def count_books(request):
    n = Book.objects.filter(title__icontains="a").count()
    return Book.objects.get(pk=n).title
