from django.http import JsonResponse

import textkit
from shop.models import Item
from asgiref.sync import sync_to_async


async def search(request):
    if "q" in request.GET:
        query = request.GET["q"]
    total = await Item.objects.acount()

    def _sync_block(request):
        query = textkit.normalise(request.GET.get("q", ""))
        textkit.remember(query)
        return query

    query = await sync_to_async(_sync_block)(request)
    return JsonResponse({"total": total, "query": query})


def recent(request):
    if "q" in request.GET:
        query = request.GET["q"]
    total = Item.objects.count()
    textkit.remember(query)
    return JsonResponse({"total": total})
