import asyncio
import time


async def view(request):
    await asyncio.sleep(1)
    return time.time()
