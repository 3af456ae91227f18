# fixture-options: entry=all
import asyncio
import time
from asyncio import create_task


async def notify(pk):
    await asyncio.sleep(0)


def checkout(request):
    asyncio.ensure_future(notify(1))
    time.sleep(0.1)
    return "ok"


def refund(request):
    create_task(notify(2))
    asyncio.get_running_loop().create_task(notify(3))
    time.sleep(0.1)
    return "ok"
