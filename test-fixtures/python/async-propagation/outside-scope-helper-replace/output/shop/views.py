# fixture-options: paths=shop/views.py api=replace
# Run on shop/views.py only: Order (in shop/models.py, outside the paths) is
# still known as a model, and order_count(), which shop/reports.py calls
# synchronously, stays sync (no async_to_sync bridge goes into a file outside the paths).
from asgiref.sync import sync_to_async
from django.http import JsonResponse

from .models import Order


def order_count():
    return Order.objects.count()


async def orders(request):
    first = await Order.objects.aget(pk=1)
    return JsonResponse({"count": await sync_to_async(order_count)(), "first": first.total})
