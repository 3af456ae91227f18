from urllib.request import urlopen

import requests
from django.http import HttpResponse, JsonResponse

from .models import Quote


def rates(request):
    resp = requests.get("https://rates.example.com/latest", params={"base": "EUR"}, timeout=5, stream=False)
    quote = Quote.objects.get(pk=request.GET["quote"])
    return JsonResponse({"rate": resp.json()["EUR"], "quote": quote.amount})


def stock(request):
    count = Quote.objects.count()
    with requests.Session() as session:
        resp = session.get("https://stock.example.com/items", timeout=5)
    return JsonResponse({"items": resp.json(), "quotes": count})


def feed(request):
    count = Quote.objects.count()
    body = urlopen("https://feed.example.com/latest.xml", timeout=5).read()
    return HttpResponse(body, headers={"X-Quotes": str(count)})
