# fixture-options: entry=all django=4.2
from asgiref.sync import async_to_sync, sync_to_async
from django.contrib.auth import logout
from django.core.mail import send_mail


async def sign_out(request):
    await sync_to_async(logout)(request)
    await sync_to_async(send_mail)("Bye", "See you", None, [request.POST["email"]])
    return async_to_sync


def later(fn):
    return sync_to_async(fn)
