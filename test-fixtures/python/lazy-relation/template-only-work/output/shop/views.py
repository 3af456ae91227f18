from django.shortcuts import render

from .models import Author, Book


async def book_list(request):
    books = Book.objects.order_by("title")
    return render(request, "shop/book_list.html", {"books": [book async for book in books.select_related("author")]})


async def authors(request):
    return render(request, "shop/authors.html", {"authors": [author async for author in Author.objects.all()], "heading": "Authors"})


def empty(request):
    return render(request, "shop/authors.html", {"heading": "Nobody"})
