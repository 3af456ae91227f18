# fixture-options: entry=all
import time

from django.db import models, transaction


class Account(models.Model):
    balance = models.IntegerField()


@transaction.atomic
def reset(pk):
    Account.objects.filter(pk=pk).update(balance=0)


def view(request, pk):
    time.sleep(0.1)
    reset(pk)
    return pk
