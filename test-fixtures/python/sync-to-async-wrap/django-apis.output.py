# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.core import mail
from django.core.mail import send_mail
from django.template.loader import render_to_string


async def contact(request):
    body = await sync_to_async(render_to_string)("contact.txt", {"who": request.POST["name"]})
    await sync_to_async(send_mail)("Contact", body, None, ["team@example.com"])
    await sync_to_async(mail.mail_admins)("Contact", body)
    return body
