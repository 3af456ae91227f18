# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
    published = models.BooleanField(default=False)


async def summary(request, n):
    books = Book.objects.filter(published=True).order_by("title")
    titles = [b.title async for b in books]

    def _sync_block(books, titles, n):
        fallback = books or None
        return {
            "titles": titles,
            "fallback": fallback,
            "second": books[1],
            "next": Book.objects.order_by("title")[n + 1],
            "lengths": sum(len(Book.objects.filter(title=t)) for t in titles),
        }

    return await sync_to_async(_sync_block)(books, titles, n)
