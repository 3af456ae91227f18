import json

import pytest

from catalog.models import Book, Loan

pytestmark = pytest.mark.usefixtures("library")


def post_json(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_list_books_as_json(client):
    response = client.get("/api/books/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6
    assert [b["title"] for b in body["books"]] == [
        "A Wizard of Earthsea",
        "Guards! Guards!",
        "Kindred",
        "Parable of the Sower",
        "Small Gods",
        "The Left Hand of Darkness",
    ]
    assert body["books"][0] == {
        "id": 1,
        "title": "A Wizard of Earthsea",
        "isbn": "9780547773742",
        "author": "Ursula K. Le Guin",
        "published": 1968,
        "copies": 2,
    }


def test_add_a_book(client):
    response = post_json(client, "/api/books/", {"title": "Mort", "isbn": "9780062225719", "author": 2, "published": 1987})
    assert response.status_code == 201
    created = response.json()
    assert created["title"] == "Mort"
    assert created["author"] == "Terry Pratchett"
    book = Book.objects.get(isbn="9780062225719")
    assert (book.pk, book.author.name, book.copies) == (created["id"], "Terry Pratchett", 1)
    assert client.get("/api/books/").json()["count"] == 7


@pytest.mark.parametrize(
    "body",
    [
        {"isbn": "1", "author": 1, "published": 2000},
        {"title": "No year", "isbn": "2", "author": 1},
        {"title": "Bad year", "isbn": "3", "author": 1, "published": "soon"},
    ],
)
def test_add_a_book_needs_every_field(client, body):
    response = post_json(client, "/api/books/", body)
    assert response.status_code == 400
    assert response.json() == {"error": "title, isbn, author and published are required"}
    assert Book.objects.count() == 6


def test_add_a_book_with_malformed_json(client):
    response = client.post("/api/books/", data="{not json", content_type="application/json")
    assert response.status_code == 400


def test_add_a_book_by_unknown_author(client):
    response = post_json(client, "/api/books/", {"title": "X", "isbn": "9", "author": 99, "published": 2001})
    assert response.status_code == 400
    assert response.json() == {"error": "no author 99"}


def test_add_a_duplicate_isbn(client):
    response = post_json(client, "/api/books/", {"title": "Again", "isbn": "9780807083697", "author": 3, "published": 1979})
    assert response.status_code == 409
    assert Book.objects.filter(isbn="9780807083697").count() == 1


def test_read_one_book(client):
    response = client.get("/api/books/4/")
    assert response.status_code == 200
    assert response.json() == {
        "id": 4,
        "title": "Small Gods",
        "isbn": "9780062237378",
        "author": "Terry Pratchett",
        "published": 1992,
        "copies": 1,
    }
    assert client.get("/api/books/400/").status_code == 404


def test_change_copies(client):
    response = post_json(client, "/api/books/6/", {"copies": 2})
    assert response.status_code == 200
    assert response.json()["copies"] == 2
    assert Book.objects.get(pk=6).copies == 2
    assert "Parable of the Sower" in client.get("/").content.decode()
    assert post_json(client, "/api/books/6/", {"copie": 2}).status_code == 400


def test_withdraw_a_book(client):
    response = client.delete("/api/books/3/")
    assert response.status_code == 200
    assert response.json() == {"deleted": 3}
    assert not Book.objects.filter(pk=3).exists()
    # Its loans go with it.
    assert not Loan.objects.filter(book_id=3).exists()
    assert client.delete("/api/books/3/").status_code == 404


def test_unsupported_method(client):
    assert client.put("/api/books/").status_code == 405


def test_stats(client):
    response = client.get("/api/stats/")
    assert response.status_code == 200
    assert response.json() == {"authors": 4, "books": 6, "on_loan": 1, "most_borrowed": "Guards! Guards!"}


def test_stats_are_cached_until_the_catalogue_changes(client):
    assert client.get("/api/stats/").json()["books"] == 6
    # Written behind the API's back: the cached figures stay.
    Book.objects.filter(pk=6).delete()
    assert client.get("/api/stats/").json()["books"] == 6
    post_json(client, "/api/books/", {"title": "Mort", "isbn": "9780062225719", "author": 2, "published": 1987})
    assert client.get("/api/stats/").json()["books"] == 6  # 6 - 1 + 1, recounted
    client.delete("/api/books/1/")
    assert client.get("/api/stats/").json() == {"authors": 4, "books": 5, "on_loan": 1, "most_borrowed": "Guards! Guards!"}


def test_greets_visitors(client):
    response = client.get("/hello/")
    assert response.status_code == 200
    assert response.json() == {"message": "Hello, guest!"}


def test_greets_members_by_name_and_number(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="ada"))
    assert client.get("/hello/").json() == {"message": "Hello, Ada Lovelace!", "member_number": "C-1001"}


def test_greets_members_without_profile_by_username(client):
    assert client.login(username="brian", password="brian-reads-a-lot")
    assert client.get("/hello/").json() == {"message": "Hello, brian!"}


def test_price_of_a_book(client, pricing_service):
    response = client.get("/api/books/2/price/")
    assert response.status_code == 200
    assert response.json() == {"book": 2, "isbn": "9780441478125", "price": "10.99", "currency": "GBP"}
    assert pricing_service.requests == ["/prices/9780441478125"]


def test_price_is_cached(client, pricing_service):
    first = client.get("/api/books/1/price/").json()
    second = client.get("/api/books/1/price/").json()
    assert first == second
    assert pricing_service.hits("9780547773742") == 1


def test_price_retries_a_busy_service(client, pricing_service):
    pricing_service.busy["9780062237378"] = 2
    response = client.get("/api/books/4/price/")
    assert response.status_code == 200
    assert response.json()["price"] == pricing_service.price_of("9780062237378")
    assert pricing_service.hits("9780062237378") == 3


def test_price_when_the_service_stays_busy(client, pricing_service):
    pricing_service.busy["9780807083697"] = float("inf")
    response = client.get("/api/books/5/price/")
    assert response.status_code == 503
    assert response.json() == {"error": "the pricing service is busy, try again later"}
    assert pricing_service.hits("9780807083697") == 3


def test_price_of_missing_book(client, pricing_service):
    assert client.get("/api/books/77/price/").status_code == 404
    assert pricing_service.requests == []


def test_book_feed(client):
    response = client.get("/api/feed/")
    assert response.status_code == 200
    books = response.json()["books"]
    assert [b["title"] for b in books][:2] == ["A Wizard of Earthsea", "Guards! Guards!"]
    assert books[1]["author"] == "Terry Pratchett"
