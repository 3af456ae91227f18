from django.shortcuts import render

from .models import Book


def shelf(request):
    books = Book.objects.order_by("title")
    return render(request, "shop/shelf.html", {"books": books})


def blurbs(request):
    return render(request, "shop/blurbs.html", {"books": Book.objects.all()})
