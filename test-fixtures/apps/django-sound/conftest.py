import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

ADA_TOKEN = "adatoken" * 5
BRIAN_TOKEN = "briantoken" * 4
PASSWORD = "correct horse battery"
EMAIL_BACKEND = "shelf.backends.EmailBackend"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class CoverStub:
    """The cover service, on 127.0.0.1 and a free port: one ISBN has a cover, one fails."""

    COVERS = {"9780547773742": "https://covers.example/earthsea.jpg"}
    BROKEN = "9780807083697"

    def __init__(self):
        self.paths = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                stub.paths.append(self.path)
                isbn = self.path.rsplit("/", 1)[-1]
                if isbn == stub.BROKEN:
                    status, body = 500, {"error": "broken"}
                elif isbn in stub.COVERS:
                    status, body = 200, {"url": stub.COVERS[isbn]}
                else:
                    status, body = 404, {"error": "no cover"}
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shelf(db):
    """The club's books and readers, as `manage.py seed_shelf` makes them."""
    call_command("seed_shelf", stdout=io.StringIO())


@pytest.fixture
def ada(shelf):
    return get_user_model().objects.get(username="ada")


@pytest.fixture
def brian(shelf):
    return get_user_model().objects.get(username="brian")


@pytest.fixture
def ada_client(client, ada):
    """ada signed in with her email address, as the sign-in page does it."""
    client.force_login(ada, backend=EMAIL_BACKEND)
    return client


@pytest.fixture
def brian_client(client, brian):
    client.force_login(brian, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def cover_service(settings):
    stub = CoverStub()
    stub.thread.start()
    settings.COVERS_URL = stub.url
    yield stub
    stub.server.shutdown()
    stub.server.server_close()
