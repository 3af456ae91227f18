# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


def titles(request):
    books = Book.objects.filter(title__startswith="A")
    out = []
    for book in books:
        out.append(book.title)
    upper = [b.title.upper() for b in books if b.title]
    by_id = {b.pk: b.title for b in Book.objects.all()}
    everything = list(Book.objects.order_by("title"))
    for chunk in Book.objects.all().iterator(chunk_size=100):
        out.append(chunk.title)
    return out, upper, by_id, everything
