from django.db import transaction
from django.http import JsonResponse

from .models import Order


@transaction.non_atomic_requests
@transaction.non_atomic_requests(using="reports")
def order_count(request):
    return JsonResponse({"n": Order.objects.count()})


@transaction.non_atomic_requests
def order_total(request):
    return JsonResponse({"n": Order.objects.count()})
