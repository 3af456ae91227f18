from django.utils import translation


class ReaderLocaleMiddleware:
    """Speaks the reader's language while the view runs, and forgets it afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reader = request.user
        if hasattr(reader, "preferences") and reader.preferences.locale:
            translation.activate(reader.preferences.locale)
        response = self.get_response(request)
        translation.deactivate()
        return response
