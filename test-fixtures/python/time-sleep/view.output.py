import asyncio

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
async def poll(request):
    """Waits a little before answering."""
    await asyncio.sleep(0.5)
    return HttpResponse("ok")
