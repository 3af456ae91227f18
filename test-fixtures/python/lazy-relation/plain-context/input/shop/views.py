from django.shortcuts import render

from .models import Book


async def about(request):
    return render(request, "shop/about.html", {"title": "About", "year": 2024, "model": Book.__name__})
