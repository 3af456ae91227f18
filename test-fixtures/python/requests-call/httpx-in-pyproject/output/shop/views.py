import httpx
from django.http import JsonResponse


async def rates(request):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        resp = await client.get("https://rates.example.com/latest", params={"base": "EUR"}, timeout=5)
    return JsonResponse(resp.json())
