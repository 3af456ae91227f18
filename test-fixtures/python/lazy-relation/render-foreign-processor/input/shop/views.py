from django.shortcuts import render

from shop.models import Item


def item_detail(request, pk):
    item = Item.objects.get(pk=pk)
    return render(request, "shop/item.html", {"item": item})
