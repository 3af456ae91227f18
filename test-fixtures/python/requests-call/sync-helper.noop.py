import requests


def refresh_cache():
    return requests.get("https://example.com/feed").json()
