from .models import Notice


class ReaderMiddleware:
    """Hands the current notice to the templates, counts the pages a session
    has seen, and names the signed-in reader in a response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.notice = Notice.objects.filter(active=True).order_by("-id").first()
        pages = request.session.get("pages", 0) + 1
        request.session["pages"] = pages
        response = self.get_response(request)
        response["X-Pages"] = str(pages)
        response["X-Reader"] = request.user.username if request.user.is_authenticated else "-"
        return response
