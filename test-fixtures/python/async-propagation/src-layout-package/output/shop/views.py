# fixture-options: entry=all
from django.http import JsonResponse

from acme_core.rates import fetch_rate


async def price(request):
    rate = await fetch_rate("EUR")
    return JsonResponse({"rate": rate})
