# `guard_ticket` takes `request` and lives in views.py, but no URLconf routes it and a
# view calls it: it is a helper, not a view. Its only caller stays sync (behind a
# decorator that is not async-aware), so it stays sync too: made async, every call
# would have run it through async_to_sync. The routed view still becomes async.
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .decorators import staff_required
from .models import Ticket


def guard_ticket(request, ticket_id):
    if not Ticket.objects.filter(pk=ticket_id, owner_id=request.user.pk).exists():
        raise PermissionDenied
    return get_object_or_404(Ticket, pk=ticket_id)


@staff_required
def close_ticket(request, ticket_id):
    ticket = guard_ticket(request, ticket_id)
    ticket.closed = True
    ticket.save()
    return HttpResponse("closed")


async def ticket_count(request):
    return HttpResponse(str(await Ticket.objects.acount()))
