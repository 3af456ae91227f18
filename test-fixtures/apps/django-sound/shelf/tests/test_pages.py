import re

import pytest
from django.test import Client

from shelf.models import Author, Book, Notice, Profile, Review


def text(response):
    return response.content.decode()


def test_home_for_a_visitor(client, shelf):
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert "Not signed in." in page
    assert "Notice: The club meets on Thursday." in page
    assert "Newest: Kindred by Octavia E. Butler" in page
    assert ">Guards! Guards!</a> by Terry Pratchett [Fantasy, Satire]" in page
    assert ">The Dispossessed</a> by Ursula K. Le Guin [Science fiction]" in page
    assert "Small Gods" not in page
    assert "You last looked at" not in page


def test_home_on_an_empty_shelf(client, db):
    assert "The shelf is empty." in text(client.get("/"))


def test_book_page_reads_the_author_reviews_and_session(client, shelf):
    earthsea = Book.objects.get(title="A Wizard of Earthsea")
    response = client.get(f"/books/{earthsea.pk}/")
    assert response.status_code == 200
    page = text(response)
    assert '<p class="author">by Ursula K. Le Guin</p>' in page
    assert "Genres: Fantasy</p>" in page
    assert "Also by Ursula K. Le Guin: The Dispossessed" in page
    assert "Average rating: 4.0" in page
    assert "4/5 from brian: Quiet and deep." in page
    assert "Books you have looked at: 1" in page
    guards = Book.objects.get(title="Guards! Guards!")
    assert "Books you have looked at: 2" in text(client.get(f"/books/{guards.pk}/"))
    assert "Books you have looked at: 2" in text(client.get(f"/books/{earthsea.pk}/"))
    assert client.session["seen"] == [earthsea.pk, guards.pk]
    assert "You last looked at A Wizard of Earthsea." in text(client.get("/"))


def test_missing_book(client, shelf):
    assert client.get("/books/999/").status_code == 404


def test_author_as_json(client, shelf):
    pratchett = Author.objects.get(name="Terry Pratchett")
    response = client.get(f"/authors/{pratchett.pk}/")
    assert response.status_code == 200
    assert response.json() == {"name": "Terry Pratchett", "books": ["Guards! Guards!", "Small Gods"]}
    assert client.get("/authors/999/").status_code == 404


def test_genres_page_counts_in_the_template(client, shelf):
    page = text(client.get("/genres/"))
    assert "Fantasy: 3 books" in page
    assert "Satire: 2 books" in page
    assert "Science fiction: 2 books" in page


def test_latest_notice(client, shelf):
    assert client.get("/notices/latest/").json() == {"notice": "The club meets on Thursday."}
    Notice.objects.update(active=False)
    assert client.get("/notices/latest/").json() == {"notice": None}


def test_stats(client, shelf):
    assert client.get("/stats/").json() == {
        "books": 5,
        "available": 4,
        "reviews": 2,
        "genres": {"Fantasy": 3, "Satire": 2, "Science fiction": 2},
    }


def test_cover_without_a_cover_service(client, shelf):
    earthsea = Book.objects.get(title="A Wizard of Earthsea")
    assert client.get(f"/books/{earthsea.pk}/cover/").json() == {"isbn": "9780547773742", "cover": None}


def test_cover_from_the_cover_service(client, shelf, cover_service):
    earthsea = Book.objects.get(title="A Wizard of Earthsea")
    gods = Book.objects.get(title="Small Gods")
    assert client.get(f"/books/{earthsea.pk}/cover/").json() == {"isbn": "9780547773742", "cover": "https://covers.example/earthsea.jpg"}
    assert client.get(f"/books/{gods.pk}/cover/").json() == {"isbn": "9780062237378", "cover": None}
    assert cover_service.paths == ["/covers/9780547773742", "/covers/9780062237378"]


@pytest.mark.parametrize("path", ["/me/", "/me/edit/", "/suggest/", "/shelf/", "/inventory/", "/books/new/", "/lists/1/"])
def test_pages_for_readers_send_visitors_to_the_login_page(client, shelf, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_profile_counts_visits(ada_client):
    first = ada_client.get("/me/")
    assert first.status_code == 200
    page = text(first)
    assert "Signed in as ada (Countess)" in page
    assert "<h1>Countess</h1>" in page
    assert "Profile visits: 1" in page
    assert "Favourite genre: Science fiction" in page
    assert "Summer: 2 books" in page
    assert "Profile visits: 2" in text(ada_client.get("/me/"))
    assert Profile.objects.get(nickname="Countess").visits == 2


def test_reader_without_a_profile_is_asked_for_a_nickname(brian_client):
    response = brian_client.get("/me/")
    assert response.status_code == 302
    assert response["Location"] == "/me/edit/"
    page = text(brian_client.get("/me/edit/"))
    assert "Pick a nickname to start your profile." in page
    assert '<option value="1">Fantasy</option>' in page


def test_profile_nickname_must_be_unique(brian_client):
    response = brian_client.post("/me/edit/", {"nickname": "Countess"})
    assert response.status_code == 400
    assert "Profile with this Nickname already exists." in text(response)
    assert not Profile.objects.filter(user__username="brian").exists()


def test_new_profile(brian_client):
    response = brian_client.post("/me/edit/", {"nickname": "Bee", "favourite_genre": "2"})
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    page = text(brian_client.get("/me/"))
    assert "Profile saved." in page
    assert "Signed in as brian (Bee)" in page
    assert "Favourite genre: Satire" in page
    assert "Profile visits: 1" in page


def test_review_once(ada_client):
    earthsea = Book.objects.get(title="A Wizard of Earthsea")
    response = ada_client.post(f"/books/{earthsea.pk}/review/", {"rating": "5", "text": "A classic."})
    assert response.status_code == 302
    page = text(ada_client.get(response["Location"]))
    assert "Thanks for reviewing A Wizard of Earthsea." in page
    assert "5/5 from ada: A classic." in page
    assert "Average rating: 4.5" in page
    again = ada_client.post(f"/books/{earthsea.pk}/review/", {"rating": "1"})
    assert again.status_code == 400
    assert "You have already reviewed this book." in text(again)
    assert ada_client.get(f"/books/{earthsea.pk}/review/").status_code == 405


def test_delete_only_your_review(ada_client, brian):
    review = Review.objects.get(reader=brian)
    response = ada_client.post(f"/reviews/{review.pk}/delete/")
    assert response.status_code == 403
    assert response.json() == {"error": "not your review"}
    ada_client.force_login(brian)
    assert ada_client.post(f"/reviews/{review.pk}/delete/").json() == {"deleted": review.pk}
    assert not Review.objects.filter(pk=review.pk).exists()


def test_save_for_later(brian_client):
    kindred = Book.objects.get(title="Kindred")
    gods = Book.objects.get(title="Small Gods")
    assert brian_client.post(f"/books/{kindred.pk}/later/").json() == {"list": "Later", "created": True, "books": 1}
    assert brian_client.post(f"/books/{kindred.pk}/later/").json() == {"list": "Later", "created": False, "books": 1}
    assert brian_client.post(f"/books/{gods.pk}/later/").json() == {"list": "Later", "created": False, "books": 2}


def test_suggest_checks_the_shelf(ada_client):
    assert ada_client.get("/suggest/").status_code == 200
    taken = ada_client.post("/suggest/", {"isbn": "978-0062225757"})
    assert taken.status_code == 400
    assert "That book is already on the shelf." in text(taken)
    response = ada_client.post("/suggest/", {"isbn": "978-0441013593"})
    assert response.status_code == 302
    assert ada_client.session["suggested"] == "9780441013593"
    assert "Thanks, we will look for 9780441013593." in text(ada_client.get("/"))


def test_reading_list_formset(ada_client, ada):
    summer = ada.reading_lists.get(name="Summer")
    page = text(ada_client.get(f"/lists/{summer.pk}/"))
    assert "<li>A Wizard of Earthsea by Ursula K. Le Guin</li><li>Guards! Guards! by Terry Pratchett</li>" in page
    assert 'name="form-TOTAL_FORMS" value="3"' in page
    kindred = Book.objects.get(title="Kindred")
    response = ada_client.post(
        f"/lists/{summer.pk}/",
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-0-book": str(kindred.pk),
            "form-1-book": str(Book.objects.get(title="Small Gods").pk),
            "form-1-DELETE": "on",
        },
    )
    assert response.status_code == 302
    page = text(ada_client.get(f"/lists/{summer.pk}/"))
    assert "Summer now has 1 books." in page
    assert '<ol class="books">\n<li>Kindred by Octavia E. Butler</li>\n</ol>' in page
    assert list(summer.books.values_list("title", flat=True)) == ["Kindred"]


def test_someone_elses_reading_list(brian_client, ada):
    summer = ada.reading_lists.get(name="Summer")
    assert brian_client.get(f"/lists/{summer.pk}/").status_code == 404


def test_shelf_is_never_cached(ada_client):
    response = ada_client.get("/shelf/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    page = text(response)
    assert "Signed in via login page" in page
    assert "<h2>Summer</h2>\n<ul><li>A Wizard of Earthsea</li><li>Guards! Guards!</li></ul>" in page


def test_shelf_of_a_reader_without_lists(brian_client):
    assert "No reading lists yet." in text(brian_client.get("/shelf/"))


def test_inventory_for_a_librarian(ada_client):
    response = ada_client.get("/inventory/")
    assert response.status_code == 200
    assert response.json()["books"][0] == {"title": "A Wizard of Earthsea", "author": "Ursula K. Le Guin", "copies": 2}
    assert len(response.json()["books"]) == 5
    gods = Book.objects.get(title="Small Gods")
    changed = ada_client.post("/inventory/", {"book": str(gods.pk), "copies": "7"})
    assert changed.json() == {"title": "Small Gods", "copies": 7}
    assert Book.objects.get(pk=gods.pk).copies == 7


def test_inventory_refuses_other_readers(brian_client):
    assert brian_client.get("/inventory/").status_code == 403
    assert brian_client.get("/books/new/").status_code == 403


def test_add_book(ada_client):
    assert ada_client.get("/books/new/").status_code == 200
    pratchett = Author.objects.get(name="Terry Pratchett")
    duplicate = ada_client.post("/books/new/", {"title": "Copy", "isbn": "9780062225757", "author": str(pratchett.pk), "copies": "1"})
    assert duplicate.status_code == 400
    assert "Book with this Isbn already exists." in text(duplicate)
    response = ada_client.post(
        "/books/new/", {"title": "Mort", "isbn": "9780062225719", "author": str(pratchett.pk), "genres": ["1"], "copies": "2"}
    )
    assert response.status_code == 302
    mort = Book.objects.get(isbn="9780062225719")
    assert response["Location"] == f"/books/{mort.pk}/"
    page = text(ada_client.get(response["Location"]))
    assert "Added Mort." in page
    assert "Notice: New on the shelf: Mort" in page
    assert "Also by Terry Pratchett: Guards! Guards!, Small Gods" in page


def test_import_books_all_or_nothing(ada_client):
    ok = ada_client.post("/books/import/", {"books": "Mort|9780062225719|Terry Pratchett\nDawn|9780446603775|Octavia E. Butler\n"})
    assert ok.status_code == 201
    assert ok.json() == {"created": 2}
    assert Author.objects.count() == 3
    clash = ada_client.post("/books/import/", {"books": "Eric|9780380821211|Terry Pratchett\nKindred|9780807083697|Octavia E. Butler"})
    assert clash.status_code == 409
    assert not Book.objects.filter(title="Eric").exists()
    assert ada_client.post("/books/import/", {"books": "no pipes"}).status_code == 400
    assert Book.objects.count() == 7


def test_messages_are_shown_once(ada_client):
    ada_client.post("/suggest/", {"isbn": "9780441013593"})
    response = ada_client.get("/genres/")
    assert "Thanks, we will look for 9780441013593." in text(response)
    assert "Thanks, we will look for" not in text(ada_client.get("/genres/"))


def test_catalogue_reads_fields_the_query_deferred(client, shelf):
    page = text(client.get("/catalogue/"))
    assert "<li>A Wizard of Earthsea: ISBN 9780547773742</li>" in page
    assert "<li>The Dispossessed: ISBN 9780061054884</li>" in page


def test_titles_read_a_deferred_field(client, shelf):
    response = client.get("/titles/")
    assert response.status_code == 200
    assert response.json()["books"][:2] == ["A Wizard of Earthsea (9780547773742)", "The Dispossessed (9780061054884)"]


def test_availability_indexes_and_searches_a_queryset(client, shelf):
    earthsea = Book.objects.get(title="A Wizard of Earthsea")
    dispossessed = Book.objects.get(title="The Dispossessed")
    assert client.get(f"/books/{earthsea.pk}/availability/").json() == {"first": "A Wizard of Earthsea", "available": True}
    assert client.get(f"/books/{dispossessed.pk}/availability/").json() == {"first": "A Wizard of Earthsea", "available": False}
    assert client.get("/books/999/availability/").status_code == 404


def test_note_with_the_csrf_token_in_the_session(settings, db):
    # CSRF_USE_SESSIONS: @csrf_protect reads and writes request.session around the view. Without the
    # CSRF middleware and the reader middleware nothing loads the session before the view's own check.
    settings.CSRF_USE_SESSIONS = True
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m not in ("django.middleware.csrf.CsrfViewMiddleware", "shelf.middleware.ReaderMiddleware")]
    client = Client(enforce_csrf_checks=True)
    page = client.get("/note/")
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert "csrftoken" not in page.cookies
    assert client.post("/note/", {"text": "No token."}).status_code == 403
    response = client.post("/note/", {"text": "More Le Guin, please.", "csrfmiddlewaretoken": token})
    assert response.status_code == 201
    assert response.json() == {"notes": 1}
    assert not Notice.objects.filter(active=True, text="More Le Guin, please.").exists()
