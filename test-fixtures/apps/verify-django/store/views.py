from django.http import JsonResponse

from store.models import Product


def product_detail(request, pk):
    product = Product.objects.get(pk=pk)
    return JsonResponse({"name": product.name, "price": product.price})


def product_count(request):
    return JsonResponse({"count": Product.objects.count()})


def cheapest(request):
    product = Product.objects.order_by("price").first()
    return JsonResponse({"name": product.name})


def newest(request):
    product = Product.objects.order_by("-id").first()
    return JsonResponse({"name": product.name})


def in_stock(request):
    return JsonResponse({"any": Product.objects.filter(stock__gt=0).exists()})


def names(request):
    return JsonResponse({"names": [p.name for p in Product.objects.order_by("name")]})
