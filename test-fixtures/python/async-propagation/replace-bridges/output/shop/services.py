# fixture-options: api=replace
import asyncio
import time

from asgiref.sync import async_to_sync, sync_to_async
from django.db import transaction


async def wait_for_warehouse():
    await asyncio.sleep(0.1)


def delay_for(name):
    time.sleep(0.01)
    return len(name)


def by_delay(names):
    return sorted(names, key=delay_for)


async def restock(product, amount):
    def _atomic_block(product, amount):
        with transaction.atomic():
            async_to_sync(wait_for_warehouse)()
            product.stock += amount
            product.save()

    await sync_to_async(_atomic_block)(product, amount)


WARM_UP = async_to_sync(wait_for_warehouse)()
