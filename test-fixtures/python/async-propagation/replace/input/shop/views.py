from django.http import JsonResponse

from .services import report, stock_of


def product_stock(request, pk):
    return JsonResponse({"stock": stock_of(pk), "report": report()})
