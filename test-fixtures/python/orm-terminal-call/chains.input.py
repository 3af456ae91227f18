# fixture-options: entry=all
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")


def summary(request, pk):
    latest = Book.objects.filter(author_id=pk).order_by("-id").first()
    total = Book.objects.count()
    exists = Book.objects.filter(title="x").exists()
    author = Author.objects.get(pk=pk)
    written = author.books.filter(title__startswith="A").count()
    first_title = Book.objects.order_by("title").first().title
    book, created = Book.objects.get_or_create(title="New", author=author)
    Book.objects.filter(title="").update(title="Untitled")
    Book.objects.filter(title="old").delete()
    stats = Book.objects.aggregate(n=models.Count("id"))
    return JsonResponse({"latest": latest.title, "total": total, "exists": exists, "written": written, "first": first_title, "n": stats["n"], "created": created})
