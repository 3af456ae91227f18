# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    published = models.DateField()

    def to_dict(self):
        return {"title": self.title.strip(), "author": self.author.name, "published": self.published.isoformat()}

    def label(self):
        return f"{self.title} ({self.published.year})"


async def feed(request):
    rows = []
    async for book in Book.objects.select_related("author"):
        rows.append(book.to_dict())
    return JsonResponse({"rows": rows})


async def labels(request):
    books = await sync_to_async(list)(Book.objects.order_by("title"))
    return JsonResponse({"labels": [b.label() for b in books]})
