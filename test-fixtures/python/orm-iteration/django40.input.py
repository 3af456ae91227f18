# fixture-options: entry=all django=4.0
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


def titles(request):
    names = [b.title for b in Book.objects.all()]
    for book in Book.objects.filter(title=""):
        names.append(book.pk)
    return names, list(Book.objects.all())
