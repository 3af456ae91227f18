# fixture-options: entry=all django=4.2
from asgiref.sync import sync_to_async
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404


async def cancel(request, pk):
    order = await sync_to_async(get_object_or_404)(User, pk=pk)
    await sync_to_async(logout)(request)
    await sync_to_async(send_mail)("Cancelled", str(order.pk), None, ["team@example.com"])
