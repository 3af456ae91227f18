import pytest

pytestmark = pytest.mark.usefixtures("library")


def context_books(client, query):
    response = client.get("/", {"q": query})
    return [book.title for book in response.context["books"]]


def test_catalogue_lists_lendable_titles_with_their_authors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert '<a href="/books/1/">A Wizard of Earthsea</a> by Ursula K. Le Guin (1968)' in html
    assert '<a href="/books/3/">Guards! Guards!</a> by Terry Pratchett (1989)' in html
    assert "Kindred</a> by Octavia E. Butler (1979)" in html
    # No copies left: not lendable, not listed, but still counted.
    assert "Parable of the Sower" not in html
    assert '<p class="total">6 titles in the collection</p>' in html
    titles = [line.split(">", 2)[2].split("<", 1)[0] for line in html.splitlines() if line.strip().startswith("<li><a")]
    assert titles == sorted(titles)
    assert len(titles) == 5
    assert [t.name for t in response.templates][:2] == ["catalog/book_list.html", "catalog/base.html"]


def test_catalogue_search(client):
    response = client.get("/", {"q": "  of  "})
    html = response.content.decode()
    assert "Titles matching “of”" in html
    assert "A Wizard of Earthsea</a> by Ursula K. Le Guin" in html
    assert "The Left Hand of Darkness</a> by Ursula K. Le Guin" in html
    assert "Small Gods" not in html
    assert context_books(client, "of") == ["A Wizard of Earthsea", "The Left Hand of Darkness"]


def test_catalogue_search_without_match(client):
    html = client.get("/", {"q": "zzz"}).content.decode()
    assert '<li class="empty">No titles match.</li>' in html
    assert context_books(client, "zzz") == []


def test_book_detail_shows_author_and_availability(client):
    response = client.get("/books/3/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Guards! Guards!</h1>" in html
    assert '<p class="author">by <a href="/authors/2/">Terry Pratchett</a></p>' in html
    assert "<dd>9780062225757</dd>" in html
    # Its only copy is out with brian.
    assert '<dd class="available">0 of 1</dd>' in html


def test_book_detail_counts_returned_loans_as_available(client):
    html = client.get("/books/1/").content.decode()
    assert '<dd class="available">2 of 2</dd>' in html


def test_missing_book_is_404(client):
    assert client.get("/books/999/").status_code == 404


def test_author_page_lists_books_by_publication(client):
    response = client.get("/authors/3/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Octavia E. Butler</h1>" in html
    assert '<p class="born">Born 1947</p>' in html
    assert '<p class="count">2 books</p>' in html
    kindred = html.index("1979: <a href=\"/books/5/\">Kindred</a>")
    parable = html.index("1993: <a href=\"/books/6/\">Parable of the Sower</a>")
    assert kindred < parable


def test_author_without_birth_year(client):
    html = client.get("/authors/4/").content.decode()
    assert "<h1>Anonymous</h1>" in html
    assert "Born" not in html
    assert '<p class="count">0 books</p>' in html
    assert "<li>" not in html


def test_missing_author_is_404(client):
    assert client.get("/authors/42/").status_code == 404
