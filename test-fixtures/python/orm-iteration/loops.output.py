# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def titles(request):
    books = Book.objects.filter(title__startswith="A")
    out = []
    async for book in books:
        out.append(book.title)
    upper = [b.title.upper() async for b in books if b.title]
    by_id = {b.pk: b.title async for b in Book.objects.all()}
    everything = [book async for book in Book.objects.order_by("title")]
    async for chunk in Book.objects.all().aiterator(chunk_size=100):
        out.append(chunk.title)
    return out, upper, by_id, everything
