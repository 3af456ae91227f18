from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.models import Order
from shop.services import agreeting, greeting


def owned_total(owner):
    total = 0
    for order in Order.objects.filter(owner=owner):
        total += order.total
    return total


async def aowned_total(owner):
    total = 0
    async for order in Order.objects.filter(owner=owner):
        total += order.total
    return total


def check_owner(request, owner):
    if request.user.username != owner:
        raise PermissionError(owner)
    return Order.objects.filter(owner=owner).exists()


async def acheck_owner(request, owner):
    user = await request.auser()
    if user.username != owner:
        raise PermissionError(owner)
    return await Order.objects.filter(owner=owner).aexists()


async def order_total(request, owner):
    await acheck_owner(request, owner)
    return JsonResponse({"total": await aowned_total(owner), "greeting": await agreeting(request)})


class OrderTotal(APIView):
    def get(self, request, owner):
        check_owner(request, owner)
        return Response({"total": owned_total(owner), "user": request.user.username, "greeting": greeting(request)})
