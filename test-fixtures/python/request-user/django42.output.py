# fixture-options: entry=all django=4.2
import asyncio

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user


async def profile(request):
    user = await sync_to_async(get_user)(request)
    await asyncio.sleep(0)
    return user.pk
