from django.http import HttpResponse

from shop.notify import Notifier


def notify(request, ticket_id):
    Notifier.send(ticket_id)
    return HttpResponse("sent")
