from django.http import JsonResponse

from .models import Product
from .services import by_delay, restock, wait_for_warehouse


def restock_view(request, pk):
    product = Product.objects.get(pk=pk)
    wait_for_warehouse()
    restock(product, 10)
    return JsonResponse({"stock": product.stock, "order": by_delay(["a", "bb"])})
