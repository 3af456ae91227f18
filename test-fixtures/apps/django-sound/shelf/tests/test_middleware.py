from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

from conftest import ADA_TOKEN
from shelf.middleware import ReaderMiddleware


def test_pages_are_counted_per_session(client, shelf):
    assert [client.get("/genres/")["X-Pages"] for _ in range(3)] == ["1", "2", "3"]
    assert client.get("/")["X-Reader"] == "-"


def test_reader_header(ada_client):
    response = ada_client.get("/genres/")
    assert response["X-Reader"] == "ada"
    assert response["X-Pages"] == "1"


def test_token_requests_name_the_reader_drf_authenticated(client, shelf):
    # DRF hands the user it authenticated to the Django request, so the middleware sees it.
    response = client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {ADA_TOKEN}")
    assert response.json()["username"] == "ada"
    assert response["X-Reader"] == "ada"
    assert client.get("/genres/", HTTP_AUTHORIZATION=f"Token {ADA_TOKEN}")["X-Reader"] == "-"


def test_notice_reaches_the_view(shelf):
    seen = {}

    def view(request):
        seen["notice"] = request.notice.text
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    response = ReaderMiddleware(view)(request)
    assert seen == {"notice": "The club meets on Thursday."}
    assert response["X-Pages"] == "1"
    assert request.session["pages"] == 1
