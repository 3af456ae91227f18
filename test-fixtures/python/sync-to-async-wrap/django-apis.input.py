# fixture-options: entry=all
from django.core import mail
from django.core.mail import send_mail
from django.template.loader import render_to_string


def contact(request):
    body = render_to_string("contact.txt", {"who": request.POST["name"]})
    send_mail("Contact", body, None, ["team@example.com"])
    mail.mail_admins("Contact", body)
    return body
