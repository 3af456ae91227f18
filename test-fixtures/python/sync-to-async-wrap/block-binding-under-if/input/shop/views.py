from django.http import JsonResponse

import textkit
from shop.models import Item


def ping(request, code, action="success"):
    total = Item.objects.count()
    if textkit.failed(request.GET):
        action = "fail"
    textkit.remember(code, action)
    return JsonResponse({"total": total, "action": action})


def tags(request, label="none"):
    total = Item.objects.count()
    for tag in textkit.tags(request.GET):
        label = tag
    textkit.remember(label)
    return JsonResponse({"total": total, "label": label})


def parse(request, value=0):
    total = Item.objects.count()
    try:
        value = textkit.parse(request.GET["v"])
    except KeyError:
        pass
    textkit.remember(value)
    return JsonResponse({"total": total, "value": value})


def always(request):
    total = Item.objects.count()
    with textkit.lock():
        value = textkit.parse(request.GET["v"])
    textkit.remember(value)
    return JsonResponse({"total": total, "value": value})
