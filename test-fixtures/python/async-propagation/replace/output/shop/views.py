from django.http import JsonResponse

from .services import report, stock_of
from asgiref.sync import sync_to_async


async def product_stock(request, pk):
    return JsonResponse({"stock": await stock_of(pk), "report": await sync_to_async(report)()})
