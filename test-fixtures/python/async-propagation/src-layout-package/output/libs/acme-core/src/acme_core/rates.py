import requests
from asgiref.sync import sync_to_async


async def fetch_rate(currency):
    response = await sync_to_async(requests.get, thread_sensitive=False)("https://rates.example.com/latest", params={"currency": currency}, timeout=5)
    response.raise_for_status()
    return response.json()["rate"]
