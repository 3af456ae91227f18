# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.db import models, transaction
from django.http import JsonResponse


class Account(models.Model):
    balance = models.IntegerField()


async def withdraw(request, pk):
    amount = int(request.POST["amount"])

    def _atomic_block(pk, amount):
        with transaction.atomic():
            account = Account.objects.select_for_update().get(pk=pk)
            if account.balance < amount:
                return True, JsonResponse({"error": "insufficient funds"}, status=409)
            account.balance -= amount
            account.save()
        return False, account

    returned, result = await sync_to_async(_atomic_block)(pk, amount)
    if returned:
        return result
    account = result
    log = await Account.objects.filter(pk=pk).acount()
    return JsonResponse({"balance": account.balance, "log": log})


async def touch(request, pk):
    def _atomic_block(pk):
        with transaction.atomic(using="default"):
            Account.objects.filter(pk=pk).update(balance=0)

    await sync_to_async(_atomic_block)(pk)
    return JsonResponse({})
