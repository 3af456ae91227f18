from django.http import Http404
from .views import page


class PageFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        try:
            return page(request, request.path_info)
        except Http404:
            return response
