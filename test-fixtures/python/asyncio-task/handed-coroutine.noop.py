# fixture-options: entry=all
import asyncio


async def notify(pk):
    await asyncio.sleep(0)


def schedule(request):
    asyncio.ensure_future(notify(1))
    return "ok"


def run_now():
    asyncio.run(notify(2))
