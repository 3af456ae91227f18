from django.utils.deprecation import MiddlewareMixin


class HeaderMiddleware(MiddlewareMixin):
    def process_response(self, request, response):
        response["X-Mixin"] = "1"
        return response
