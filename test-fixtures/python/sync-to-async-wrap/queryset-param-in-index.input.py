# fixture-options: entry=all
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


def pick(request, pk):
    books = Book.objects.filter(title__startswith="A")
    book = Book.objects.get(pk=pk)
    return HttpResponse(f"{first_title(books)} {has_book(books, book)} {missing(books, book)}")
