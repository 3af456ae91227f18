from django.http import JsonResponse

from tickets.models import ticket_count


def tickets(request):
    return JsonResponse({"count": ticket_count()})
