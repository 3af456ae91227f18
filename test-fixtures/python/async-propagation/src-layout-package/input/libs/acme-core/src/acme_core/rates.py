import requests


def fetch_rate(currency):
    response = requests.get("https://rates.example.com/latest", params={"currency": currency}, timeout=5)
    response.raise_for_status()
    return response.json()["rate"]
