from asgiref.sync import sync_to_async
from django.shortcuts import render

from shop.models import Item


async def item_detail(request, pk):
    item = await Item.objects.aget(pk=pk)
    return await sync_to_async(render)(request, "shop/item.html", {"item": item})
