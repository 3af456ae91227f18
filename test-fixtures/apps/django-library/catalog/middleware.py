from django.conf import settings


class BranchHeaderMiddleware:
    """Tells clients (and the load balancer's logs) which branch served the response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.branch = settings.LIBRARY_BRANCH

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Library-Branch"] = self.branch
        return response
