from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.core.cache import cache


class NoticeMiddleware:
    async_capable = True
    sync_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(self.get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        # the site-wide notice, shown by the base template

        request.notice = cache.get("notice")
        return self.get_response(request)

    async def __acall__(self, request):
        # the site-wide notice, shown by the base template

        request.notice = await cache.aget("notice")
        return await self.get_response(request)
