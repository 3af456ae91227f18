# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.contrib.auth import alogout
from django.http import JsonResponse


async def maybe_sign_out(request):
    if request.GET.get("out"):
        await alogout(request)
    return JsonResponse({"name": await sync_to_async(lambda: request.user.get_username())()})
