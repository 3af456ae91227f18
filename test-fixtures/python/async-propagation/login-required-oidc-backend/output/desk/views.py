from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View

from .models import Ticket


@login_required
async def open_tickets(request):
    return JsonResponse({"open": await Ticket.objects.filter(open=True).acount()})


@permission_required("desk.change_ticket")
async def close_ticket(request, pk):
    await Ticket.objects.filter(pk=pk).aupdate(open=False)
    return JsonResponse({"closed": pk})


@method_decorator(login_required, name="dispatch")
class TicketView(View):
    async def get(self, request, pk):
        ticket = await Ticket.objects.aget(pk=pk)
        return JsonResponse({"subject": ticket.subject})
