# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)

    def to_dict(self):
        return {"title": self.title, "author": self.author.name}

    def loans(self):
        return self.loan_set.count()

    def heading(self):
        return f"{self} by {self.author}"


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)


async def feed(request):
    rows = []
    async for book in Book.objects.all():
        rows.append(await sync_to_async(book.to_dict)())
        rows.append(await sync_to_async(book.loans)())
    async for book in Book.objects.select_related("author"):
        rows.append(await sync_to_async(book.heading)())
    return JsonResponse({"rows": rows})
