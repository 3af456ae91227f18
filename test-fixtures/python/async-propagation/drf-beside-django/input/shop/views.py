from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.models import Order
from shop.services import greeting


def owned_total(owner):
    total = 0
    for order in Order.objects.filter(owner=owner):
        total += order.total
    return total


def check_owner(request, owner):
    if request.user.username != owner:
        raise PermissionError(owner)
    return Order.objects.filter(owner=owner).exists()


def order_total(request, owner):
    check_owner(request, owner)
    return JsonResponse({"total": owned_total(owner), "greeting": greeting(request)})


class OrderTotal(APIView):
    def get(self, request, owner):
        check_owner(request, owner)
        return Response({"total": owned_total(owner), "user": request.user.username, "greeting": greeting(request)})
