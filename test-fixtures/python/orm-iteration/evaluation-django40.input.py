# fixture-options: entry=all django=4.0
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
    published = models.BooleanField(default=False)


def summary(request):
    books = Book.objects.filter(published=True).order_by("title")
    if not books:
        return {"count": 0}
    return {"count": len(books), "first": books[0].title}
