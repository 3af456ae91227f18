import pytest
import requests

from shelf import services
from shelf.models import Book


def test_latest_book(shelf):
    assert services.latest_book().title == "Kindred"


def test_latest_book_on_an_empty_shelf(db):
    assert services.latest_book() is None


def test_custom_queryset(shelf):
    assert list(Book.objects.available().order_by("title").values_list("title", flat=True)) == [
        "A Wizard of Earthsea",
        "Guards! Guards!",
        "Kindred",
        "Small Gods",
    ]
    assert [book.title for book in Book.objects.featured()] == ["A Wizard of Earthsea", "Guards! Guards!", "The Dispossessed"]


def test_cover_status(shelf, cover_service):
    assert services.cover_status("9780547773742") == "https://covers.example/earthsea.jpg"
    assert services.cover_status("9780062237378") is None
    with pytest.raises(requests.HTTPError):
        services.cover_status("9780807083697")
