import requests


def fetch_status():
    response = requests.get("https://status.example.com/api", timeout=5)
    return response.json()["status"]
