# fixture-options: entry=all
import asyncio
import time


async def notify(pk):
    await asyncio.sleep(0)


def rebound(request):
    loop = asyncio.get_event_loop()
    if request.GET.get("fresh"):
        loop = asyncio.new_event_loop()
    loop.create_task(notify(1))
    time.sleep(0.1)
    return "ok"


def runs_too(request):
    loop = asyncio.get_event_loop()
    loop.create_task(notify(2))
    time.sleep(0.1)
    loop.run_until_complete(notify(3))
    return "ok"


def closure(request):
    loop = asyncio.get_event_loop()

    def later():
        loop.create_task(notify(4))

    loop.create_task(notify(5))
    time.sleep(0.1)
    return later


def shared(request):
    global loop
    loop = asyncio.get_event_loop()
    loop.create_task(notify(6))
    time.sleep(0.1)
    return "ok"
