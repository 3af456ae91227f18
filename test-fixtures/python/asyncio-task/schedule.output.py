# fixture-options: entry=all
import asyncio
from asyncio import create_task


async def notify(pk):
    await asyncio.sleep(0)


async def checkout(request):
    asyncio.ensure_future(notify(1))
    await asyncio.sleep(0.1)
    return "ok"


async def refund(request):
    create_task(notify(2))
    asyncio.get_running_loop().create_task(notify(3))
    await asyncio.sleep(0.1)
    return "ok"
