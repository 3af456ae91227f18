# fixture-options: entry=all django=4.2
from asgiref.sync import async_to_sync
from django.contrib.auth import logout
from django.core.mail import send_mail


def sign_out(request):
    logout(request)
    send_mail("Bye", "See you", None, [request.POST["email"]])
    return async_to_sync
