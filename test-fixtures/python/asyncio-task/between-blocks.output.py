# fixture-options: entry=all
import asyncio

from asgiref.sync import sync_to_async
from shop import gateway


async def notify(pk):
    await asyncio.sleep(0)


async def checkout(request):
    def _sync_block():
        gateway.pay(1)

    await sync_to_async(_sync_block)()
    asyncio.get_event_loop().create_task(notify(1))

    def _sync_block_2():
        gateway.pay(2)

    await sync_to_async(_sync_block_2)()
    await asyncio.sleep(0.1)
    return "ok"


async def refund(request):
    def _sync_block():
        gateway.refund(1)

    await sync_to_async(_sync_block)()
    loop = asyncio.get_running_loop()

    def _sync_block_2():
        gateway.refund(2)

    await sync_to_async(_sync_block_2)()
    loop.create_task(notify(2))
    await asyncio.sleep(0.1)
    return "ok"
