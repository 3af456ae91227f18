from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Ticket


def ticket(request, pk):
    return JsonResponse({"title": get_object_or_404(Ticket, pk=pk).title})
