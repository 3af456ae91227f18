import pytest
from django.core import mail

from catalog import services
from catalog.models import Book, Loan

pytestmark = pytest.mark.usefixtures("library")


def test_checkout_book_directly(django_user_model):
    brian = django_user_model.objects.get(username="brian")
    book = Book.objects.get(pk=5)
    loan = services.checkout_book(book, brian, days=7)
    assert isinstance(loan, Loan)
    assert loan.pk is not None
    assert (loan.book_id, loan.user_id) == (5, brian.pk)
    assert (loan.due_on - loan.borrowed_at.date()).days in (6, 7, 8)
    assert Book.objects.get(pk=5).times_borrowed == 6
    assert [m.to for m in mail.outbox] == [["brian@example.org"]]


def test_checkout_book_refuses_when_no_copy_is_left(django_user_model):
    ada = django_user_model.objects.get(username="ada")
    with pytest.raises(services.BookUnavailable):
        services.checkout_book(Book.objects.get(pk=3), ada)
    with pytest.raises(services.BookUnavailable):
        services.checkout_book(Book.objects.get(pk=6), ada)
    assert Loan.objects.count() == 2
    assert mail.outbox == []


def test_copies_available():
    assert services.copies_available(Book.objects.get(pk=1)) == 2
    assert services.copies_available(Book.objects.get(pk=3)) == 0


def test_fetch_price_directly(pricing_service):
    assert services.fetch_price("9780062225757") == {"price": "22.99", "currency": "GBP"}
    assert services.fetch_price("9780062225757") == {"price": "22.99", "currency": "GBP"}
    assert pricing_service.requests == ["/prices/9780062225757"]


def test_fetch_price_gives_up(pricing_service):
    pricing_service.busy["9780062225757"] = float("inf")
    with pytest.raises(services.PricingUnavailable):
        services.fetch_price("9780062225757")
    assert pricing_service.hits("9780062225757") == 3


def test_library_stats():
    assert services.library_stats() == {"authors": 4, "books": 6, "on_loan": 1, "most_borrowed": "Guards! Guards!"}
