# fixture-options: entry=all
import httpx


async def page(request):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        body = (await client.get("https://example.com", timeout=10)).content
    return body
