# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
    published = models.BooleanField(default=False)


def summary(request, n):
    books = Book.objects.filter(published=True).order_by("title")
    titles = [b.title for b in books]
    fallback = books or None
    return {
        "titles": titles,
        "fallback": fallback,
        "second": books[1],
        "next": Book.objects.order_by("title")[n + 1],
        "lengths": sum(len(Book.objects.filter(title=t)) for t in titles),
    }
