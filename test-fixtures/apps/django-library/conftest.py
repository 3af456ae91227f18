import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.core.management import call_command


class PricingStub:
    """An in-process stand-in for the pricing service, on 127.0.0.1 and a free port."""

    def __init__(self):
        self.requests = []
        # isbn -> how many 503 answers to give before a price (float('inf'): never recovers).
        self.busy = {}
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                stub._answer(self)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def price_of(isbn):
        return f"{int(isbn[-2:]) % 20 + 5}.99"

    def hits(self, isbn):
        return sum(1 for path in self.requests if path == f"/prices/{isbn}")

    def _answer(self, handler):
        with self._lock:
            self.requests.append(handler.path)
            prefix = "/prices/"
            isbn = handler.path[len(prefix):] if handler.path.startswith(prefix) else None
            busy_left = self.busy.get(isbn, 0) if isbn else 0
            if busy_left > 0:
                self.busy[isbn] = busy_left - 1
        if isbn is None or not isbn.isdigit():
            status, body = 404, {"error": "unknown path"}
        elif busy_left > 0:
            status, body = 503, {"error": "busy"}
        else:
            status, body = 200, {"isbn": isbn, "price": self.price_of(isbn), "currency": "GBP"}
        payload = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def start(self):
        self._thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def library(db):
    """The catalogue the library ships: authors, books, two members, one open loan."""
    call_command("loaddata", "library", verbosity=0)


@pytest.fixture
def pricing_service(settings):
    stub = PricingStub()
    stub.start()
    settings.PRICING_SERVICE_URL = stub.url
    settings.PRICING_BACKOFF = 0.01
    yield stub
    stub.stop()
