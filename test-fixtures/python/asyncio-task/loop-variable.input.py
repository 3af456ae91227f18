# fixture-options: entry=all
import asyncio
import time


async def notify(pk):
    await asyncio.sleep(0)


def checkout(request):
    loop = asyncio.get_event_loop()
    loop.create_task(notify(1))
    time.sleep(0.1)
    loop.create_task(notify(2))
    return "ok"
