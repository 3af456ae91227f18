import asyncio
import time

from .models import Product


def wait_for_warehouse():
    time.sleep(0.2)


async def await_for_warehouse():
    await asyncio.sleep(0.2)


def stock_of(pk):
    wait_for_warehouse()
    return Product.objects.get(pk=pk).stock


async def astock_of(pk):
    await await_for_warehouse()
    return (await Product.objects.aget(pk=pk)).stock


def describe(pk):
    return f"{pk}: {stock_of(pk)}"


async def adescribe(pk):
    return f"{pk}: {await astock_of(pk)}"
