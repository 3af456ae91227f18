# fixture-options: entry=all
import requests


def check(request):
    if requests.head("https://example.com").status_code == 200:
        return "up"
    return "down"
