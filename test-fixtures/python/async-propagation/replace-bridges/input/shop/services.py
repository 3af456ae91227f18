# fixture-options: api=replace
import time

from django.db import transaction


def wait_for_warehouse():
    time.sleep(0.1)


def delay_for(name):
    time.sleep(0.01)
    return len(name)


def by_delay(names):
    return sorted(names, key=delay_for)


def restock(product, amount):
    with transaction.atomic():
        wait_for_warehouse()
        product.stock += amount
        product.save()


WARM_UP = wait_for_warehouse()
