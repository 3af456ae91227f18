# fixture-options: entry=all
from typing import Optional

from asgiref.sync import sync_to_async
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


async def find_book(pk) -> Book | None:
    return await Book.objects.filter(pk=pk).afirst()


def newest(pk) -> Optional[Book]:
    return Book.objects.order_by("-pk").first()


async def anewest(pk) -> Optional[Book]:
    return await Book.objects.order_by("-pk").afirst()


async def author_name(request, pk):
    total = await Book.objects.acount()
    book = await find_book(pk)
    if book is None:
        return JsonResponse({}, status=404)

    def _sync_block(book, pk, total):
        return JsonResponse({"author": book.author.name, "newest": newest(pk).title, "total": total})

    return await sync_to_async(_sync_block)(book, pk, total)
