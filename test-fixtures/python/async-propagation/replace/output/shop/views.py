from django.http import JsonResponse

from .services import report, stock_of


async def product_stock(request, pk):
    return JsonResponse({"stock": await stock_of(pk), "report": await report()})
