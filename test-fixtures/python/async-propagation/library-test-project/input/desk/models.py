# fixture-options: entry=all
# A reusable app published by setup.py, with the manage.py of its test project beside it
# (its settings are desk.tests.settings): code outside this tree imports `desk`, so the
# async twin of `next_label` (named as a field default, which Django calls synchronously)
# stays for that code, and the view `counter` becoming async changes the app's API
# (review: a project may import it and wrap it in a sync decorator).
from django.db import models


def desk_count():
    return Desk.objects.count()


def next_label():
    return f"D{desk_count() + 1}"


class Desk(models.Model):
    label = models.CharField(max_length=20, default=next_label)
