from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View

from .models import Ticket


@login_required
def open_tickets(request):
    return JsonResponse({"open": Ticket.objects.filter(open=True).count()})


@permission_required("desk.change_ticket")
def close_ticket(request, pk):
    Ticket.objects.filter(pk=pk).update(open=False)
    return JsonResponse({"closed": pk})


@method_decorator(login_required, name="dispatch")
class TicketView(View):
    def get(self, request, pk):
        ticket = Ticket.objects.get(pk=pk)
        return JsonResponse({"subject": ticket.subject})
