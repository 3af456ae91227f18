# fixture-options: entry=all
import requests
from asgiref.sync import sync_to_async


async def check(request):
    if (await sync_to_async(requests.head, thread_sensitive=False)("https://example.com")).status_code == 200:
        return "up"
    return "down"
