"""Business logic shared by the views, the API and the tests."""
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Author, Book, Loan

STATS_CACHE_KEY = "catalog:stats"
PRICE_CACHE_SECONDS = 300


class BookUnavailable(Exception):
    """Every copy of the book is out on loan."""


class PricingUnavailable(Exception):
    """The pricing service kept answering 503."""


def fetch_price(isbn):
    """Retail price of a book from the pricing service, cached for five minutes."""
    cache_key = f"catalog:price:{isbn}"
    quote = cache.get(cache_key)
    if quote is not None:
        return quote

    url = f"{settings.PRICING_SERVICE_URL.rstrip('/')}/prices/{isbn}"
    for attempt in range(1, settings.PRICING_MAX_ATTEMPTS + 1):
        response = requests.get(url, headers={"Accept": "application/json"}, timeout=settings.PRICING_TIMEOUT)
        if response.status_code != 503:
            break
        # The service sheds load with 503: back off a little longer each time.
        time.sleep(settings.PRICING_BACKOFF * attempt)
    else:
        raise PricingUnavailable(isbn)

    response.raise_for_status()
    data = response.json()
    quote = {"price": data["price"], "currency": data["currency"]}
    cache.set(cache_key, quote, PRICE_CACHE_SECONDS)
    return quote


def library_stats():
    stats = cache.get(STATS_CACHE_KEY)
    if stats is None:
        stats = {
            "authors": Author.objects.count(),
            "books": Book.objects.count(),
            "on_loan": Loan.objects.filter(returned_at__isnull=True).count(),
            "most_borrowed": Book.objects.order_by("-times_borrowed", "title").values_list("title", flat=True).first(),
        }
        cache.set(STATS_CACHE_KEY, stats, 60)
    return stats


def forget_stats():
    cache.delete(STATS_CACHE_KEY)


def copies_available(book):
    on_loan = Loan.objects.filter(book=book, returned_at__isnull=True).count()
    return book.copies - on_loan


def checkout_book(book, user, days=None):
    """Lends a copy of `book` to `user` and emails the due date."""
    days = days or settings.LOAN_DAYS
    with transaction.atomic():
        # Check and insert in one transaction so two requests cannot both take the last copy.
        if copies_available(book) <= 0:
            raise BookUnavailable(book.title)
        loan = Loan.objects.create(book=book, user=user, due_on=timezone.localdate() + timedelta(days=days))
        Book.objects.filter(pk=book.pk).update(times_borrowed=F("times_borrowed") + 1)
    forget_stats()
    send_mail(
        f"You borrowed {book.title}",
        f"Hello {user.get_username()}, please return {book.title} by {loan.due_on:%d %B %Y}.",
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
    return loan
