import datetime

import pytest
from django.core import mail
from django.utils import timezone

from catalog.models import Book, Loan

pytestmark = pytest.mark.usefixtures("library")


@pytest.fixture
def ada(django_user_model):
    return django_user_model.objects.get(username="ada")


@pytest.fixture
def brian(django_user_model):
    return django_user_model.objects.get(username="brian")


def test_borrowing_needs_a_login(client):
    response = client.post("/books/1/checkout/")
    assert response.status_code == 401
    assert response.json() == {"error": "log in to borrow books"}
    assert Loan.objects.count() == 2
    assert mail.outbox == []


def test_borrowing_is_a_post(client, ada):
    client.force_login(ada)
    assert client.get("/books/1/checkout/").status_code == 405
    assert Loan.objects.count() == 2


def test_borrow_a_book(client, ada):
    client.force_login(ada)
    response = client.post("/books/4/checkout/")
    assert response.status_code == 201
    body = response.json()
    loan = Loan.objects.get(pk=body["loan"])
    assert (loan.book_id, loan.user_id, loan.returned_at) == (4, ada.pk, None)
    due = timezone.localdate() + datetime.timedelta(days=14)
    assert body == {"loan": loan.pk, "book": 4, "due_on": due.isoformat()}
    assert loan.due_on == due
    assert Book.objects.get(pk=4).times_borrowed == 3

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "You borrowed Small Gods"
    assert message.to == ["ada@example.org"]
    assert message.from_email == "loans@library.example.org"
    assert message.body == f"Hello ada, please return Small Gods by {due:%d %B %Y}."

    assert '<dd class="available">0 of 1</dd>' in client.get("/books/4/").content.decode()


def test_borrow_the_last_copy_only_once(client, ada, brian):
    client.force_login(ada)
    assert client.post("/books/2/checkout/").status_code == 201
    client.force_login(brian)
    response = client.post("/books/2/checkout/")
    assert response.status_code == 409
    assert response.json() == {"error": "every copy of The Left Hand of Darkness is on loan"}
    assert Loan.objects.filter(book_id=2).count() == 1
    assert Book.objects.get(pk=2).times_borrowed == 5
    assert len(mail.outbox) == 1


def test_borrow_from_several_copies(client, ada, brian):
    client.force_login(ada)
    assert client.post("/books/1/checkout/").status_code == 201
    client.force_login(brian)
    assert client.post("/books/1/checkout/").status_code == 201
    assert client.post("/books/1/checkout/").status_code == 409
    assert Loan.objects.filter(book_id=1, returned_at__isnull=True).count() == 2


def test_borrow_a_missing_book(client, ada):
    client.force_login(ada)
    assert client.post("/books/99/checkout/").status_code == 404


def test_borrowing_updates_stats(client, ada):
    assert client.get("/api/stats/").json()["on_loan"] == 1
    client.force_login(ada)
    client.post("/books/5/checkout/")
    assert client.get("/api/stats/").json()["on_loan"] == 2


def test_return_a_loan(client, brian):
    client.force_login(brian)
    assert client.get("/api/stats/").json()["on_loan"] == 1
    response = client.post("/loans/1/return/")
    assert response.status_code == 200
    assert response.json() == {"loan": 1, "returned": True}
    loan = Loan.objects.get(pk=1)
    assert loan.returned_at is not None
    assert timezone.now() - loan.returned_at < datetime.timedelta(minutes=1)
    assert client.get("/api/stats/").json()["on_loan"] == 0
    assert '<dd class="available">1 of 1</dd>' in client.get("/books/3/").content.decode()


def test_return_twice(client, brian):
    client.force_login(brian)
    client.post("/loans/1/return/")
    response = client.post("/loans/1/return/")
    assert response.status_code == 409
    assert response.json() == {"error": "this loan was already returned"}


def test_only_the_borrower_returns_a_loan(client, ada):
    client.force_login(ada)
    assert client.post("/loans/1/return/").status_code == 404
    assert Loan.objects.get(pk=1).returned_at is None


def test_returning_needs_a_login(client):
    assert client.post("/loans/1/return/").status_code == 401
