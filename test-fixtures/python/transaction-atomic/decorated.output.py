# fixture-options: entry=all
import asyncio

from asgiref.sync import sync_to_async
from django.db import models, transaction


class Account(models.Model):
    balance = models.IntegerField()


@transaction.atomic
def reset(pk):
    Account.objects.filter(pk=pk).update(balance=0)


async def view(request, pk):
    await asyncio.sleep(0.1)
    await sync_to_async(reset)(pk)
    return pk
