from asgiref.sync import sync_to_async
from django.core.mail import send_mail


async def contact(request):
    await sync_to_async(send_mail)("Hi", "Body", None, ["a@example.com"])
