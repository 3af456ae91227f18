import time


class TimingMiddleware:
    """Adds an X-Elapsed header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Elapsed"] = f"{time.monotonic() - started:.3f}"
        return response

    def process_exception(self, request, exception):
        return None


def tag_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        response["X-Tag"] = "1"
        return response

    return middleware
