# A reusable app's middleware: projects list it in MIDDLEWARE, and may subclass it.
import time


class StampMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Stamp"] = f"{time.monotonic() - started:.3f}"
        return response


def tag_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        response["X-Tag"] = "1"
        return response

    return middleware
