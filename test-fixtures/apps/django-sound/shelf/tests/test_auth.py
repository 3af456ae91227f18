from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY

from conftest import EMAIL_BACKEND, MODEL_BACKEND, PASSWORD


def test_sign_in_with_email(client, ada):
    assert client.get("/sign-in/").status_code == 200
    response = client.post("/sign-in/", {"email": "ADA@club.example", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[BACKEND_SESSION_KEY] == EMAIL_BACKEND
    assert client.session[SESSION_KEY] == str(ada.pk)
    assert client.session["signed_in_via"] == "email"
    page = client.get("/").content.decode()
    assert "Welcome back, ada." in page
    assert "Signed in as ada (Countess)" in page
    assert "Signed in via email" in client.get("/shelf/").content.decode()


def test_sign_in_with_a_wrong_password(client, ada):
    response = client.post("/sign-in/", {"email": "ada@club.example", "password": "wrong"})
    assert response.status_code == 400
    assert "Unknown email or password." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_login_page_with_a_username(client, brian):
    response = client.post("/accounts/login/", {"username": "brian", "password": PASSWORD, "next": "/shelf/"})
    assert response.status_code == 302
    assert response["Location"] == "/shelf/"
    assert client.session[BACKEND_SESSION_KEY] == MODEL_BACKEND
    assert "Signed in as brian</p>" in client.get("/").content.decode()


def test_login_page_with_an_email(client, ada):
    response = client.post("/accounts/login/", {"username": "ada@club.example", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[BACKEND_SESSION_KEY] == EMAIL_BACKEND
    assert "Profile visits: 1" in client.get("/me/").content.decode()


def test_login_page_refuses_a_wrong_password(client, ada):
    response = client.post("/accounts/login/", {"username": "ada", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()


def test_sign_out(ada_client):
    assert ada_client.get("/sign-out/").status_code == 405
    response = ada_client.post("/sign-out/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    page = ada_client.get("/").content.decode()
    assert "Signed out." in page
    assert "Not signed in." in page
    assert ada_client.get("/me/").status_code == 302


def test_logout_page(brian_client):
    response = brian_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert SESSION_KEY not in brian_client.session
