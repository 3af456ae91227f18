from django.shortcuts import aget_object_or_404, render

from .models import Author, Book


async def book_list(request):
    books = Book.objects.filter(copies__gt=0).order_by("title")
    query = request.GET.get("q", "").strip()
    if query:
        books = books.filter(title__icontains=query)
    context = {"books": [book async for book in books.select_related("author")], "query": query, "total": await Book.objects.acount()}
    return render(request, "shop/book_list.html", context)


async def author_detail(request, pk):
    author = await aget_object_or_404(Author, pk=pk)
    books = author.books.order_by("title")
    return render(request, "shop/author_detail.html", {"author": author, "books": [book async for book in books]})
