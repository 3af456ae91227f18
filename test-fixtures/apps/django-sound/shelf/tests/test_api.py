import json

from conftest import ADA_TOKEN, BRIAN_TOKEN
from shelf.models import Book, ReadingList


def token(key):
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_book_list(client, shelf):
    response = client.get("/api/books/")
    assert response.status_code == 200
    books = response.json()
    assert len(books) == 5
    assert books[2] == {
        "id": books[2]["id"],
        "title": "Guards! Guards!",
        "isbn": "9780062225757",
        "author": "Terry Pratchett",
        "genres": ["Fantasy", "Satire"],
        "copies": 3,
    }


def test_similar_books(client, shelf):
    earthsea = Book.objects.get(title="A Wizard of Earthsea")
    assert client.get(f"/api/books/{earthsea.pk}/similar/").json() == {"similar": ["The Dispossessed"]}
    assert client.get("/api/books/999/similar/").status_code == 404


def test_me_with_a_token(client, shelf):
    response = client.get("/api/me/", **token(ADA_TOKEN))
    assert response.status_code == 200
    assert response.json() == {"username": "ada", "nickname": "Countess", "lists": ["Summer"], "authenticated_by": "TokenAuthentication"}
    brian = client.get("/api/me/", **token(BRIAN_TOKEN)).json()
    assert brian == {"username": "brian", "nickname": None, "lists": [], "authenticated_by": "TokenAuthentication"}


def test_me_with_a_session(ada_client):
    assert ada_client.get("/api/me/").json()["authenticated_by"] == "SessionAuthentication"


def test_me_anonymous(client, shelf):
    response = client.get("/api/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert client.get("/api/me/", **token("x" * 40)).status_code == 401


def test_stats(client, shelf):
    assert client.get("/api/stats/").json() == {
        "books": 5,
        "available": 4,
        "reviews": 2,
        "genres": {"Fantasy": 3, "Satire": 2, "Science fiction": 2},
    }


def test_librarian_adds_and_changes_books_with_a_token(client, shelf):
    payload = {"title": "Mort", "isbn": "9780062225719", "author": "Terry Pratchett", "genres": ["Fantasy"], "copies": 2}
    created = client.post("/api/books/", json.dumps(payload), content_type="application/json", **token(ADA_TOKEN))
    assert created.status_code == 201
    mort = Book.objects.get(isbn="9780062225719")
    assert created.json() == {**payload, "id": mort.pk}
    duplicate = client.post("/api/books/", json.dumps(payload), content_type="application/json", **token(ADA_TOKEN))
    assert duplicate.status_code == 400
    assert duplicate.json() == {"isbn": ["book with this isbn already exists."]}
    unknown = client.post("/api/books/", json.dumps({**payload, "isbn": "1", "author": "Nobody"}), content_type="application/json", **token(ADA_TOKEN))
    assert unknown.json() == {"author": ["Object with name=Nobody does not exist."]}
    changed = client.patch(f"/api/books/{mort.pk}/", json.dumps({"copies": 4}), content_type="application/json", **token(ADA_TOKEN))
    assert changed.status_code == 200
    assert changed.json()["copies"] == 4
    assert client.delete(f"/api/books/{mort.pk}/", **token(ADA_TOKEN)).status_code == 204
    assert not Book.objects.filter(pk=mort.pk).exists()


def test_other_readers_cannot_change_books(client, shelf):
    payload = json.dumps({"title": "Mort", "isbn": "9780062225719", "author": "Terry Pratchett"})
    refused = client.post("/api/books/", payload, content_type="application/json", **token(BRIAN_TOKEN))
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Only librarians may change the catalogue."}
    assert client.post("/api/books/", payload, content_type="application/json").status_code == 401


def test_save_for_later_with_a_token(client, brian):
    kindred = Book.objects.get(title="Kindred")
    gods = Book.objects.get(title="Small Gods")
    assert client.post(f"/api/books/{kindred.pk}/later/", **token(BRIAN_TOKEN)).json() == {"list": "Later", "books": ["Kindred"]}
    assert client.post(f"/api/books/{gods.pk}/later/", **token(BRIAN_TOKEN)).json() == {"list": "Later", "books": ["Kindred", "Small Gods"]}
    assert client.post("/api/books/999/later/", **token(BRIAN_TOKEN)).status_code == 404
    assert ReadingList.objects.get(owner=brian).books.count() == 2
    assert client.post(f"/api/books/{gods.pk}/later/").status_code == 401
