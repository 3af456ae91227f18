# fixture-options: entry=all
import requests
from django.http import JsonResponse

URL = "https://api.example.com/weather"


def weather(request):
    try:
        resp = requests.get(
            URL,
            params={"q": request.GET["city"]},
            headers={"Accept": "application/json"},
            timeout=5,
            verify=False,
        )
    except requests.exceptions.Timeout:
        return JsonResponse({"error": "slow"}, status=504)
    except requests.RequestException:
        return JsonResponse({"error": "down"}, status=502)
    if not resp.ok:
        return JsonResponse({"error": resp.status_code}, status=502)
    return JsonResponse(resp.json())


def notify(request):
    requests.post(URL, json={"event": "ping"}, allow_redirects=False)
    return requests.request("DELETE", URL, data="raw body").status_code
