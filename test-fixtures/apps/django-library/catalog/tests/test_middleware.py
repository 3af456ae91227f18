import pytest

pytestmark = pytest.mark.usefixtures("library")


@pytest.mark.parametrize("url", ["/", "/books/1/", "/api/books/", "/api/stats/", "/hello/", "/books/404/"])
def test_every_response_names_the_branch(client, url):
    response = client.get(url)
    assert response["X-Library-Branch"] == "central"


def test_branch_comes_from_settings(client, settings):
    settings.LIBRARY_BRANCH = "riverside"
    assert client.get("/api/stats/")["X-Library-Branch"] == "riverside"


def test_method_not_allowed_is_tagged_too(client):
    response = client.get("/loans/1/return/")
    assert response.status_code == 405
    assert response["X-Library-Branch"] == "central"
