from django.core.cache import cache


class NoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # the site-wide notice, shown by the base template

        request.notice = cache.get("notice")
        return self.get_response(request)
