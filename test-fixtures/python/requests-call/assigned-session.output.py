# fixture-options: entry=all
import httpx
import requests


async def sync_profiles(request, ids):
    session = httpx.AsyncClient(follow_redirects=True)
    try:
        for pk in ids:
            await session.post("https://crm.example.com/profiles", json={"id": pk}, follow_redirects=False)
    finally:
        await session.aclose()
    return len(ids)


def leaky(request):
    session = requests.Session()
    return session.get("https://crm.example.com/ping").status_code
