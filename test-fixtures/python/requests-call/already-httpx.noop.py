import httpx


async def view(request):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        resp = await client.get("https://example.com")
    return resp.json()
