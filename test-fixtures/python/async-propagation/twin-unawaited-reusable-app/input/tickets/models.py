# fixture-options: entry=all
# A reusable app (pyproject.toml publishes `tickets`; manage.py only runs the example
# project): code outside this tree may import `anext_code`, so its twin stays.
# --entry all chooses `next_code` and `ticket_count` (they query). `next_code` is named
# as a value in the class body (`default=next_code`): Django calls it synchronously, so
# it stays sync, with an async twin beside it for that outside code.
# `ticket_count` keeps its sync form for `next_code` and gains a twin the view awaits.
from django.db import models


def ticket_count():
    return Ticket.objects.count()


def next_code():
    return f"T{ticket_count() + 1}"


class Ticket(models.Model):
    code = models.CharField(max_length=20, default=next_code)
