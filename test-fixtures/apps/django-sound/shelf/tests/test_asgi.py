"""A few pages through Django's ASGI handler (AsyncClient), as uvicorn would serve them."""
from asgiref.sync import async_to_sync
from django.test import AsyncClient

from conftest import ADA_TOKEN, EMAIL_BACKEND
from shelf.models import Book


def get(client, path, **extra):
    return async_to_sync(client.get)(path, **extra)


def test_pages_for_ada_over_asgi(ada):
    client = AsyncClient()
    client.force_login(ada, backend=EMAIL_BACKEND)
    earthsea = Book.objects.get(title="A Wizard of Earthsea")
    home = get(client, "/")
    assert home.status_code == 200
    assert "Signed in as ada (Countess)" in home.content.decode()
    assert home["X-Reader"] == "ada"
    book = get(client, f"/books/{earthsea.pk}/")
    assert "Also by Ursula K. Le Guin: The Dispossessed" in book.content.decode()
    assert "Profile visits: 1" in get(client, "/me/").content.decode()
    assert get(client, "/shelf/").status_code == 200
    assert get(client, "/inventory/").json()["books"][0]["author"] == "Ursula K. Le Guin"
    assert get(client, "/api/me/").json()["authenticated_by"] == "SessionAuthentication"


def test_token_over_asgi(shelf):
    client = AsyncClient()
    # AsyncClient sends extra keyword arguments as raw header names.
    me = get(client, "/api/me/", authorization=f"Token {ADA_TOKEN}")
    assert me.json()["authenticated_by"] == "TokenAuthentication"
    assert get(client, "/api/me/").status_code == 401
    assert get(client, "/genres/").status_code == 200
