# fixture-options: safety=safe
# A reusable app (pyproject.toml publishes `shelf`, no manage.py): `book_total` is public
# API that projects import, and may call or wrap in a sync decorator of their own, so its
# becoming async is a review change, which --safety safe never applies: nothing changes.
from django.http import JsonResponse

from shelf.models import Book


def book_total(request):
    return JsonResponse({"total": Book.objects.count()})
