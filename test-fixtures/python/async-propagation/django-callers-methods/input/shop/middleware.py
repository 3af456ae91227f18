import time

from django.utils.deprecation import MiddlewareMixin


class StampMiddleware(MiddlewareMixin):
    def process_request(self, request):
        time.sleep(0.01)

    def process_response(self, request, response):
        time.sleep(0.01)
        return response
