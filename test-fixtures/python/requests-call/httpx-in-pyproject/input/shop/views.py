import requests
from django.http import JsonResponse


def rates(request):
    resp = requests.get("https://rates.example.com/latest", params={"base": "EUR"}, timeout=5)
    return JsonResponse(resp.json())
