from django.shortcuts import get_object_or_404, render

from .models import Author, Book


def book_list(request):
    books = Book.objects.filter(copies__gt=0).order_by("title")
    query = request.GET.get("q", "").strip()
    if query:
        books = books.filter(title__icontains=query)
    context = {"books": books, "query": query, "total": Book.objects.count()}
    return render(request, "shop/book_list.html", context)


def author_detail(request, pk):
    author = get_object_or_404(Author, pk=pk)
    books = author.books.order_by("title")
    return render(request, "shop/author_detail.html", {"author": author, "books": books})
