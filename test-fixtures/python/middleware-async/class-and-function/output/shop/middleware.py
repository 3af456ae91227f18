import time

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.utils.decorators import async_only_middleware


class TimingMiddleware:
    """Adds an X-Elapsed header."""

    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(self.get_response):
            markcoroutinefunction(self)

    async def __call__(self, request):
        started = time.monotonic()
        response = await self.get_response(request)
        response["X-Elapsed"] = f"{time.monotonic() - started:.3f}"
        return response

    def process_exception(self, request, exception):
        return None


@async_only_middleware
def tag_middleware(get_response):
    async def middleware(request):
        response = await get_response(request)
        response["X-Tag"] = "1"
        return response

    return middleware
