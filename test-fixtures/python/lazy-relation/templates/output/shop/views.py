from asgiref.sync import sync_to_async
from django.shortcuts import aget_object_or_404, render

from .models import Book


async def book_list(request):
    books = Book.objects.filter(title__isnull=False).order_by("title")
    return render(request, "shop/list.html", {"books": [book async for book in books.select_related("author__publisher").prefetch_related("tags")], "count": await Book.objects.acount()})


async def book_detail(request, pk):
    book = await aget_object_or_404(Book.objects.select_related("author"), pk=pk)
    return render(request, "shop/detail.html", {"book": book})


async def shouting(request, pk):
    book = await Book.objects.aget(pk=pk)
    return await sync_to_async(render)(request, "shop/shout.html", {"book": book})


async def author_of(request, pk):
    book = await Book.objects.select_related("author").aget(pk=pk)
    return {"author": book.author.name}
