# fixture-options: entry=all django=4.2
from django.contrib.auth import logout
from asgiref.sync import sync_to_async


async def sign_out(request):
    await sync_to_async(logout)(request)
