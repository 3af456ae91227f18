from urllib.request import urlopen

import requests
from asgiref.sync import sync_to_async
from django.http import HttpResponse, JsonResponse

from .models import Quote


async def rates(request):
    resp = await sync_to_async(requests.get, thread_sensitive=False)("https://rates.example.com/latest", params={"base": "EUR"}, timeout=5, stream=False)
    quote = await Quote.objects.aget(pk=request.GET["quote"])
    return JsonResponse({"rate": resp.json()["EUR"], "quote": quote.amount})


def stock(request):
    count = Quote.objects.count()
    with requests.Session() as session:
        resp = session.get("https://stock.example.com/items", timeout=5)
    return JsonResponse({"items": resp.json(), "quotes": count})


async def feed(request):
    count = await Quote.objects.acount()

    def _sync_block(count):
        body = urlopen("https://feed.example.com/latest.xml", timeout=5).read()
        return HttpResponse(body, headers={"X-Quotes": str(count)})

    return await sync_to_async(_sync_block)(count)
