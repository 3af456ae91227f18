# fixture-options: entry=all
import asyncio


async def backoff(request, attempt):
    await asyncio.sleep(0.1 * attempt)
    await asyncio.sleep(1)
    return attempt
