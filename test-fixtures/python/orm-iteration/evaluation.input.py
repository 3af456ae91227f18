# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]


def summary(request):
    books = Book.objects.filter(published=True)
    if not books:
        return {"count": 0}
    first = books[0]
    third = Book.objects.order_by("-id")[2]
    latest = [b.title for b in books[:5]]
    return {
        "count": len(books),
        "any": bool(books),
        "first": first.title,
        "third": third.title,
        "latest": latest,
        "drafts": "yes" if Book.objects.filter(published=False) else "no",
    }


def page(request, n):
    books = Book.objects.order_by("title")
    while books and n > 0:
        n -= 1
    return books[n].title
