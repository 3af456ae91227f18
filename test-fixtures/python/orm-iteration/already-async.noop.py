from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)


async def view(request):
    titles = [b.title async for b in Book.objects.all()]
    async for book in Book.objects.filter(title=""):
        titles.append(book.pk)
    return titles
