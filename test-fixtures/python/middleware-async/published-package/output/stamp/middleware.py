# A reusable app's middleware: projects list it in MIDDLEWARE, and may subclass it.
import time

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.utils.decorators import sync_and_async_middleware


class StampMiddleware:
    async_capable = True
    sync_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(self.get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Stamp"] = f"{time.monotonic() - started:.3f}"
        return response

    async def __acall__(self, request):
        started = time.monotonic()
        response = await self.get_response(request)
        response["X-Stamp"] = f"{time.monotonic() - started:.3f}"
        return response


@sync_and_async_middleware
def tag_middleware(get_response):
    def middleware(request):
        response = get_response(request)
        response["X-Tag"] = "1"
        return response

    async def amiddleware(request):
        response = await get_response(request)
        response["X-Tag"] = "1"
        return response

    if iscoroutinefunction(get_response):
        return amiddleware
    return middleware
