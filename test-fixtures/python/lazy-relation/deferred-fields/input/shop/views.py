from django.http import JsonResponse
from django.shortcuts import render

from .models import Book


def blurbs(request):
    out = []
    for book in Book.objects.defer("blurb"):
        out.append(book.blurb)
    return JsonResponse({"blurbs": out, "count": Book.objects.count()})


def titles(request):
    books = Book.objects.only("title")
    return JsonResponse({"titles": [b.title for b in books], "count": Book.objects.count()})


def authors(request):
    book = Book.objects.only("title").get(pk=1)
    return JsonResponse({"title": book.title, "author": book.author_id})


def listing(request):
    books = Book.objects.only("title")
    return render(request, "shop/listing.html", {"books": books})
