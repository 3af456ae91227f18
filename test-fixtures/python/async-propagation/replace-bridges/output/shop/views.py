from asgiref.sync import sync_to_async
from django.http import JsonResponse

from .models import Product
from .services import by_delay, restock, wait_for_warehouse


async def restock_view(request, pk):
    product = await Product.objects.aget(pk=pk)
    await wait_for_warehouse()
    await restock(product, 10)
    return JsonResponse({"stock": product.stock, "order": await sync_to_async(by_delay)(["a", "bb"])})
