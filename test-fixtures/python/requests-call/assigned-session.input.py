# fixture-options: entry=all
import requests


def sync_profiles(request, ids):
    session = requests.Session()
    try:
        for pk in ids:
            session.post("https://crm.example.com/profiles", json={"id": pk}, allow_redirects=False)
    finally:
        session.close()
    return len(ids)


def leaky(request):
    session = requests.Session()
    return session.get("https://crm.example.com/ping").status_code
