from django.http import JsonResponse
from django.views import View

from .models import Order


async def order_count(request):
    return JsonResponse({"n": await Order.objects.acount()})


class NewOrderView(View):
    async def post(self, request):
        order = await Order.objects.acreate(total=int(request.POST.get("total", "0")))
        return JsonResponse({"id": order.pk})
