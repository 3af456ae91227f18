import time

from django.http import JsonResponse
import asyncio


async def ping(request):
    await asyncio.sleep(0.1)
    return JsonResponse({"ok": True})
