"""Helpers the views, the API and the tests share."""
import requests
from django.conf import settings
from django.db.models import Count

from .models import Book, Genre, Review


def latest_book() -> Book | None:
    return Book.objects.newest()


def shelf_summary():
    genres = Genre.objects.annotate(n=Count("books")).order_by("name")
    return {
        "books": Book.objects.count(),
        "available": Book.objects.available().count(),
        "reviews": Review.objects.count(),
        "genres": {genre.name: genre.n for genre in genres},
    }


def cover_status(isbn):
    """Asks the cover service whether it has a cover for the ISBN: its URL, or None."""
    if not settings.COVERS_URL:
        return None
    response = requests.get(f"{settings.COVERS_URL}/covers/{isbn}", timeout=settings.COVERS_TIMEOUT)
    if response.status_code == 404:
        return None
    response.raise_for_status()
    return response.json()["url"]


def first_title(books):
    """The first title of a list or QuerySet of books (indexing a QuerySet runs a query)."""
    return books[0].title if books else None


def holds(books, book):
    """Whether the book is among the books (`in` on a QuerySet runs a query)."""
    return book in books
