# fixture-options: entry=all
# A Django application (manage.py at the root): no code outside it imports its modules.
# --entry all chooses `next_code` and `ticket_count` (they query). `next_code` is named
# as a value in the class body (`default=next_code`): Django calls it synchronously, so
# it stays sync, and an async twin nothing in the application awaits would be dead code.
# `ticket_count` keeps its sync form for `next_code` and gains a twin the view awaits.
from django.db import models


def ticket_count():
    return Ticket.objects.count()


async def aticket_count():
    return await Ticket.objects.acount()


def next_code():
    return f"T{ticket_count() + 1}"


class Ticket(models.Model):
    code = models.CharField(max_length=20, default=next_code)
