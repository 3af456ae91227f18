import asyncio

from django.http import JsonResponse


async def ping(request):
    await asyncio.sleep(0.1)
    return JsonResponse({"ok": True})
