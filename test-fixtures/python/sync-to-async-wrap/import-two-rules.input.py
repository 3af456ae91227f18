# fixture-options: entry=all django=4.2
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404


def cancel(request, pk):
    order = get_object_or_404(User, pk=pk)
    logout(request)
    send_mail("Cancelled", str(order.pk), None, ["team@example.com"])
