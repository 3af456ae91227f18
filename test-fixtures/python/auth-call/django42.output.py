# fixture-options: entry=all django=4.2
from asgiref.sync import sync_to_async
from django.contrib.auth import logout


async def sign_out(request):
    await sync_to_async(logout)(request)
