from asgiref.sync import sync_to_async
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Ticket


async def ticket_title(request, pk):
    ticket = await sync_to_async(get_object_or_404)(Ticket, pk=pk)
    return HttpResponse(ticket.title)
