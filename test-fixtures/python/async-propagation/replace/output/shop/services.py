# fixture-options: api=replace
from .models import Product


async def stock_of(pk):
    return (await Product.objects.aget(pk=pk)).stock


async def total_stock():
    return await Product.objects.acount()


async def report():
    return {"total": await total_stock()}
