from shop.models import Visit


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            Visit.objects.create(path=request.path, username=request.user.username)
        return response
