from django.db import transaction
from django.db.transaction import non_atomic_requests
from django.http import JsonResponse

from .models import Order

REPORTS = "reports"


@transaction.non_atomic_requests
async def order_count(request):
    return JsonResponse({"n": await Order.objects.acount()})


@non_atomic_requests(using="default")
async def first_order(request):
    return JsonResponse({"id": (await Order.objects.afirst()).pk})


@transaction.non_atomic_requests(using="reports")
def order_total(request):
    return JsonResponse({"n": Order.objects.count()})


@transaction.non_atomic_requests(using=REPORTS)
def last_order(request):
    return JsonResponse({"id": Order.objects.last().pk})


def any_order(request):
    return JsonResponse({"any": Order.objects.exists()})
