from django.db import transaction
from django.db.transaction import non_atomic_requests
from django.http import JsonResponse

from .models import Order

REPORTS = "reports"


@transaction.non_atomic_requests
def order_count(request):
    return JsonResponse({"n": Order.objects.count()})


@non_atomic_requests(using="default")
def first_order(request):
    return JsonResponse({"id": Order.objects.first().pk})


@transaction.non_atomic_requests(using="reports")
def order_total(request):
    return JsonResponse({"n": Order.objects.count()})


@transaction.non_atomic_requests(using=REPORTS)
def last_order(request):
    return JsonResponse({"id": Order.objects.last().pk})


def any_order(request):
    return JsonResponse({"any": Order.objects.exists()})
