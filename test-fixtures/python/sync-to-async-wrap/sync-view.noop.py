from django.core.mail import send_mail


def contact(request):
    send_mail("Hi", "Body", None, ["a@example.com"])
