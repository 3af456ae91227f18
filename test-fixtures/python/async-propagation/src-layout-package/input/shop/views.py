# fixture-options: entry=all
from django.http import JsonResponse

from acme_core.rates import fetch_rate


def price(request):
    rate = fetch_rate("EUR")
    return JsonResponse({"rate": rate})
