from django.http import JsonResponse

import textkit
from shop.models import Item
from asgiref.sync import sync_to_async


async def ping(request, code, action="success"):
    total = await Item.objects.acount()

    def _sync_block(request, code, action):
        if textkit.failed(request.GET):
            action = "fail"
        textkit.remember(code, action)
        return action

    action = await sync_to_async(_sync_block)(request, code, action)
    return JsonResponse({"total": total, "action": action})


async def tags(request, label="none"):
    total = await Item.objects.acount()

    def _sync_block(request, label):
        for tag in textkit.tags(request.GET):
            label = tag
        textkit.remember(label)
        return label

    label = await sync_to_async(_sync_block)(request, label)
    return JsonResponse({"total": total, "label": label})


async def parse(request, value=0):
    total = await Item.objects.acount()
    try:
        def _sync_block(request):
            value = textkit.parse(request.GET["v"])
            return value

        value = await sync_to_async(_sync_block)(request)
    except KeyError:
        pass

    def _sync_block_2(value):
        textkit.remember(value)

    await sync_to_async(_sync_block_2)(value)
    return JsonResponse({"total": total, "value": value})


async def always(request):
    total = await Item.objects.acount()

    def _sync_block(request):
        with textkit.lock():
            value = textkit.parse(request.GET["v"])
        textkit.remember(value)
        return value

    value = await sync_to_async(_sync_block)(request)
    return JsonResponse({"total": total, "value": value})
