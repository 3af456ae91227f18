from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Ticket


def ticket_title(request, pk):
    ticket = get_object_or_404(Ticket, pk=pk)
    return HttpResponse(ticket.title)
