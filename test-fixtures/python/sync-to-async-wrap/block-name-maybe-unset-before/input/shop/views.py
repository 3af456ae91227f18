from django.http import JsonResponse

import textkit
from shop.models import Item


def search(request):
    if "q" in request.GET:
        query = request.GET["q"]
    total = Item.objects.count()
    query = textkit.normalise(request.GET.get("q", ""))
    textkit.remember(query)
    return JsonResponse({"total": total, "query": query})


def recent(request):
    if "q" in request.GET:
        query = request.GET["q"]
    total = Item.objects.count()
    textkit.remember(query)
    return JsonResponse({"total": total})
