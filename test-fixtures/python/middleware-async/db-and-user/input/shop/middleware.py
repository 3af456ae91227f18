from shop.models import Visit


class VisitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            Visit.objects.create(path=request.path, username=request.user.username)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if Visit.objects.filter(path=request.path).count() > 1000:
            request.popular = True
        return None
