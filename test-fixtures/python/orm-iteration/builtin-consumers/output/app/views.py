# dict(), sorted() and other builtins that iterate a QuerySet get its rows
# from an async comprehension; zip() and friends are reported.
from django.http import JsonResponse
from .models import Item
from asgiref.sync import sync_to_async


async def v(request):
    item = await Item.objects.aget(pk=1)
    n = await Item.objects.all().acount()
    if await Item.objects.filter(name="x").aexists():
        n += 1
    first = [item async for item in Item.objects.all()[:1]][0]
    d = dict([item async for item in Item.objects.values_list("pk", "name")])
    s = sorted([item async for item in Item.objects.all()], key=lambda i: i.pk)
    return JsonResponse({"n": n, "d": d, "s": len(s), "first": first.pk, "item": item.pk})


async def more(request):
    item = await Item.objects.aget(pk=1)
    names = ", ".join([item async for item in Item.objects.values_list("name", flat=True)])
    ids = set([item async for item in Item.objects.values_list("pk", flat=True)])

    def _sync_block():
        pairs = list(zip(Item.objects.all(), range(3)))
        total = sum(i.pk for i in Item.objects.all())
        return pairs, total

    pairs, total = await sync_to_async(_sync_block)()
    return JsonResponse({"names": names, "ids": len(ids), "pairs": len(pairs), "total": total, "item": item.pk})
