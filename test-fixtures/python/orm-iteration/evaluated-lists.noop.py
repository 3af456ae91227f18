# fixture-options: entry=all
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def summary(request):
    names = [b.title async for b in Book.objects.all()]
    if names:
        return {"count": len(names), "first": names[0]}
    page = Book.objects.all()[:10]
    return {"page": page, "more": bool(names)}
