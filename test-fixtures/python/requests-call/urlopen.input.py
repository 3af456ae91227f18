# fixture-options: entry=all
from urllib.request import urlopen


def page(request):
    body = urlopen("https://example.com", timeout=10).read()
    return body
