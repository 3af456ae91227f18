from django.shortcuts import render

from .models import Author, Book


def book_list(request):
    books = Book.objects.order_by("title")
    return render(request, "shop/book_list.html", {"books": books})


def authors(request):
    return render(request, "shop/authors.html", {"authors": Author.objects.all(), "heading": "Authors"})


def empty(request):
    return render(request, "shop/authors.html", {"heading": "Nobody"})
