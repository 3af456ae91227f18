from django.shortcuts import render

from shop.models import Item


async def item_detail(request, pk):
    item = await Item.objects.select_related("category").aget(pk=pk)
    return render(request, "shop/item.html", {"item": item})
