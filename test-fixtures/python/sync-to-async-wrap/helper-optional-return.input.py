# fixture-options: entry=all
from typing import Optional

from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


def find_book(pk) -> Book | None:
    return Book.objects.filter(pk=pk).first()


def newest(pk) -> Optional[Book]:
    return Book.objects.order_by("-pk").first()


def author_name(request, pk):
    total = Book.objects.count()
    book = find_book(pk)
    if book is None:
        return JsonResponse({}, status=404)
    return JsonResponse({"author": book.author.name, "newest": newest(pk).title, "total": total})
