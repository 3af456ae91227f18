# fixture-options: paths=shop/views.py
# Run on shop/views.py only: its view blocks only inside order_total(), which
# lives in shop/services.py, outside the paths. That helper cannot become
# async in this run, so the view has nothing it could await and stays sync.
from django.http import JsonResponse

from .services import order_total


def totals(request):
    return JsonResponse({"total": order_total()})
