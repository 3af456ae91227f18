from django.http import JsonResponse
from django.views import View

from .models import Order


def order_count(request):
    return JsonResponse({"n": Order.objects.count()})


class NewOrderView(View):
    def post(self, request):
        order = Order.objects.create(total=int(request.POST.get("total", "0")))
        return JsonResponse({"id": order.pk})
