# fixture-options: entry=all api=replace
# `--entry all` chooses `Restocker.restock` (it updates rows); `nightly` calls
# `restock` on a receiver awaitify cannot type, so under --api replace it stays
# sync with a manual finding naming that call.
from django.db import models


class Book(models.Model):
    loaned = models.BooleanField(default=False)


class Restocker:
    def restock(self):
        Book.objects.filter(loaned=True).update(loaned=False)


def nightly(jobs):
    for job in jobs:
        job.restock()
