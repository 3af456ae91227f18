# fixture-options: entry=all
from django.db import models, transaction
from django.http import JsonResponse


class Account(models.Model):
    balance = models.IntegerField()


def withdraw(request, pk):
    amount = int(request.POST["amount"])
    with transaction.atomic():
        account = Account.objects.select_for_update().get(pk=pk)
        if account.balance < amount:
            return JsonResponse({"error": "insufficient funds"}, status=409)
        account.balance -= amount
        account.save()
    log = Account.objects.filter(pk=pk).count()
    return JsonResponse({"balance": account.balance, "log": log})


def touch(request, pk):
    with transaction.atomic(using="default"):
        Account.objects.filter(pk=pk).update(balance=0)
    return JsonResponse({})
