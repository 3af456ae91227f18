# fixture-options: entry=all
import asyncio


async def notify(pk):
    await asyncio.sleep(0)


async def checkout(request):
    loop = asyncio.get_event_loop()
    loop.create_task(notify(1))
    await asyncio.sleep(0.1)
    loop.create_task(notify(2))
    return "ok"
