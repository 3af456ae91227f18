# fixture-options: entry=all
import asyncio
import time

from shop import gateway


async def notify(pk):
    await asyncio.sleep(0)


def checkout(request):
    gateway.pay(1)
    asyncio.get_event_loop().create_task(notify(1))
    gateway.pay(2)
    time.sleep(0.1)
    return "ok"


def refund(request):
    gateway.refund(1)
    loop = asyncio.get_running_loop()
    gateway.refund(2)
    loop.create_task(notify(2))
    time.sleep(0.1)
    return "ok"
