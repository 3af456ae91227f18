# fixture-options: paths=shop/views.py api=replace
# Run on shop/views.py only: Order (in shop/models.py, outside the paths) is
# still known as a model, and order_count(), which shop/reports.py calls
# synchronously, stays sync (no async_to_sync bridge goes into a file outside the paths).
from django.http import JsonResponse

from .models import Order


def order_count():
    return Order.objects.count()


def orders(request):
    first = Order.objects.get(pk=1)
    return JsonResponse({"count": order_count(), "first": first.total})
