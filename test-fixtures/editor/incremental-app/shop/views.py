from django.http import JsonResponse

from .prices import price_of


def price(request, sku):
    return JsonResponse({"sku": sku, "price": price_of(sku)})
