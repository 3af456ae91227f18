# fixture-options: entry=all django=5.1
import asyncio

from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def summary(request):
    await asyncio.sleep(0.1)
    return JsonResponse({"n": await sync_to_async(len)(request.session)})
