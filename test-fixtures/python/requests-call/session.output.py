# fixture-options: entry=all
import httpx


async def fetch_all(request, urls):
    bodies = []
    async with httpx.AsyncClient(follow_redirects=True) as session:
        session.headers.update({"User-Agent": "library"})
        for url in urls:
            bodies.append((await session.get(url, timeout=3)).text)
    return bodies
