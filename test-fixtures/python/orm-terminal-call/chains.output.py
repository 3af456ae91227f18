# fixture-options: entry=all
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")


async def summary(request, pk):
    latest = await Book.objects.filter(author_id=pk).order_by("-id").afirst()
    total = await Book.objects.acount()
    exists = await Book.objects.filter(title="x").aexists()
    author = await Author.objects.aget(pk=pk)
    written = await author.books.filter(title__startswith="A").acount()
    first_title = (await Book.objects.order_by("title").afirst()).title
    book, created = await Book.objects.aget_or_create(title="New", author=author)
    await Book.objects.filter(title="").aupdate(title="Untitled")
    await Book.objects.filter(title="old").adelete()
    stats = await Book.objects.aaggregate(n=models.Count("id"))
    return JsonResponse({"latest": latest.title, "total": total, "exists": exists, "written": written, "first": first_title, "n": stats["n"], "created": created})
