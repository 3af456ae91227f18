# fixture-options: safety=safe django=5.2
# pyproject.toml and setup.cfg here only configure tools (ruff, pytest, flake8): no package is
# published, so no outside code imports `card_count`, and its becoming async is safe.
from django.http import JsonResponse

from board.models import Card


async def card_count(request):
    return JsonResponse({"count": await Card.objects.acount()})
