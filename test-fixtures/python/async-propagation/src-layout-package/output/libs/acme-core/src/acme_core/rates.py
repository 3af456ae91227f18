import httpx


async def fetch_rate(currency):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        response = await client.get("https://rates.example.com/latest", params={"currency": currency}, timeout=5)
    response.raise_for_status()
    return response.json()["rate"]
