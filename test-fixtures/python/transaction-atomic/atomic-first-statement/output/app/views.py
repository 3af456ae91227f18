# fixture-options: entry=all
# The atomic block is the first statement and request.user is read after it:
# the user is loaded before the nested function, which holds the block alone.
from django.db import transaction
from django.http import HttpResponse
from .models import Item
from asgiref.sync import sync_to_async


async def update(request, pk):
    user = await request.auser()
    def _atomic_block(pk):
        with transaction.atomic():
            Item.objects.filter(pk=pk).update(name="x")

    await sync_to_async(_atomic_block)(pk)
    return HttpResponse(user.username)
