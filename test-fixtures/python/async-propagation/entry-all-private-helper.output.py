# fixture-options: entry=all
# --entry all chooses `_refs` (it queries), but its only caller `first_unpaid` stays
# sync (a call awaitify cannot classify, in a statement that breaks out of the loop):
# an async twin of a module-private helper that nothing awaits would be dead code.
from django.db import models

from payments import gateway


class Order(models.Model):
    ref = models.CharField(max_length=20)


def _refs():
    return [order.ref for order in Order.objects.order_by("id")]


def first_unpaid():
    found = None
    for ref in _refs():
        if not gateway.is_paid(ref):
            found = ref
            break
    return found


async def order_count():
    return await Order.objects.acount()
