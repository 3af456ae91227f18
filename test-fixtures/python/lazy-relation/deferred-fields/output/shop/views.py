from asgiref.sync import sync_to_async
from django.http import JsonResponse
from django.shortcuts import render

from .models import Book


async def blurbs(request):
    out = []
    async for book in Book.objects.defer("blurb"):
        def _sync_block(out, book):
            out.append(book.blurb)

        await sync_to_async(_sync_block)(out, book)
    return JsonResponse({"blurbs": out, "count": await Book.objects.acount()})


async def titles(request):
    books = Book.objects.only("title")
    return JsonResponse({"titles": [b.title async for b in books], "count": await Book.objects.acount()})


async def authors(request):
    book = await Book.objects.only("title").aget(pk=1)

    def _sync_block(book):
        return JsonResponse({"title": book.title, "author": book.author_id})

    return await sync_to_async(_sync_block)(book)


def listing(request):
    books = Book.objects.only("title")
    return render(request, "shop/listing.html", {"books": books})
