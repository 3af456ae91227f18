# fixture-options: entry=all
import asyncio

import httpx


async def fetch_price(url, attempts):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        for attempt in range(1, attempts + 1):
            response = await client.get(url, headers={"Accept": "application/json"}, timeout=5)
            if response.status_code != 503:
                break
            await asyncio.sleep(0.1 * attempt)
        else:
            raise RuntimeError(url)
    return response.json()


async def poll(url, verify):
    async with httpx.AsyncClient(follow_redirects=True, verify=verify) as client:
        while True:
            status = (await client.get(url)).json()["status"]
            if status == "done":
                return status
            await client.post(url + "/nudge")
