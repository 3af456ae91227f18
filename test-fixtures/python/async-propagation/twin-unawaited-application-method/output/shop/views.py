from django.http import HttpResponse

from shop.notify import Notifier


async def notify(request, ticket_id):
    await Notifier.asend(ticket_id)
    return HttpResponse("sent")
