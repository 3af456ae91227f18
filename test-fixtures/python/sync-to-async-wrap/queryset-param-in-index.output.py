# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.db import models
from django.http import HttpResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


def first_title(books):
    return books[0].title


def has_book(books, book):
    return book in books


def missing(books, book):
    return book not in books


async def pick(request, pk):
    books = Book.objects.filter(title__startswith="A")
    book = await Book.objects.aget(pk=pk)
    return HttpResponse(f"{await sync_to_async(first_title)(books)} {await sync_to_async(has_book)(books, book)} {await sync_to_async(missing)(books, book)}")
