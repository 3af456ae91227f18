# fixture-options: entry=all
import httpx
from django.http import JsonResponse

URL = "https://api.example.com/weather"


async def weather(request):
    try:
        async with httpx.AsyncClient(follow_redirects=True, verify=False) as client:
            resp = await client.get(
                URL,
                params={"q": request.GET["city"]},
                headers={"Accept": "application/json"},
                timeout=5,
            )
    except httpx.TimeoutException:
        return JsonResponse({"error": "slow"}, status=504)
    except httpx.HTTPError:
        return JsonResponse({"error": "down"}, status=502)
    if not resp.is_success:
        return JsonResponse({"error": resp.status_code}, status=502)
    return JsonResponse(resp.json())


async def notify(request):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        await client.post(URL, json={"event": "ping"}, follow_redirects=False)
    async with httpx.AsyncClient(follow_redirects=True) as client:
        return (await client.request("DELETE", URL, content="raw body")).status_code
