from django.shortcuts import get_object_or_404, render

from .models import Book


def book_list(request):
    books = Book.objects.filter(title__isnull=False).order_by("title")
    return render(request, "shop/list.html", {"books": books, "count": Book.objects.count()})


def book_detail(request, pk):
    book = get_object_or_404(Book, pk=pk)
    return render(request, "shop/detail.html", {"book": book})


def shouting(request, pk):
    book = Book.objects.get(pk=pk)
    return render(request, "shop/shout.html", {"book": book})


def author_of(request, pk):
    book = Book.objects.get(pk=pk)
    return {"author": book.author.name}
