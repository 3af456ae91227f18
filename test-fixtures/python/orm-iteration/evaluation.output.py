# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]


async def summary(request):
    books = Book.objects.filter(published=True)
    if not await books.aexists():
        return {"count": 0}
    first = [book async for book in books[:1]][0]
    third = [book async for book in Book.objects.order_by("-id")[2:3]][0]
    latest = [b.title async for b in books[:5]]
    return {
        "count": await books.acount(),
        "any": await books.aexists(),
        "first": first.title,
        "third": third.title,
        "latest": latest,
        "drafts": "yes" if await Book.objects.filter(published=False).aexists() else "no",
    }


async def page(request, n):
    books = Book.objects.order_by("title")
    while await books.aexists() and n > 0:
        n -= 1
    return [book async for book in books[n:n + 1]][0].title
