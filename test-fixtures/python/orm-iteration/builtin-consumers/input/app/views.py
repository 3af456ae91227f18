# dict(), sorted() and other builtins that iterate a QuerySet get its rows
# from an async comprehension; zip() and friends are reported.
from django.http import JsonResponse
from .models import Item


def v(request):
    item = Item.objects.get(pk=1)
    n = len(Item.objects.all())
    if Item.objects.filter(name="x"):
        n += 1
    first = Item.objects.all()[0]
    d = dict(Item.objects.values_list("pk", "name"))
    s = sorted(Item.objects.all(), key=lambda i: i.pk)
    return JsonResponse({"n": n, "d": d, "s": len(s), "first": first.pk, "item": item.pk})


def more(request):
    item = Item.objects.get(pk=1)
    names = ", ".join(Item.objects.values_list("name", flat=True))
    ids = set(Item.objects.values_list("pk", flat=True))
    pairs = list(zip(Item.objects.all(), range(3)))
    total = sum(i.pk for i in Item.objects.all())
    return JsonResponse({"names": names, "ids": len(ids), "pairs": len(pairs), "total": total, "item": item.pk})
