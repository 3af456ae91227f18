# fixture-options: entry=all
# The custom QuerySet method reached through a `from_queryset` manager calls
# code awaitify cannot account for (a helper of an unknown package) and logs:
# its result is not known to be a QuerySet, so the count after it is not
# rewritten and the caller stays sync.
import logging

from django.db import models
from stockroom import floor

log = logging.getLogger(__name__)


class StockQuerySet(models.QuerySet):
    def in_stock(self):
        return self.filter(copies__gt=floor())

    def audited(self):
        log.info("audit")
        return self.filter(audited=True)


class StockManager(models.Manager.from_queryset(StockQuerySet)):
    pass


class Lamp(models.Model):
    copies = models.IntegerField(default=0)
    objects = StockManager()


def lamps_left():
    return Lamp.objects.in_stock().count()


def audited_lamps():
    return Lamp.objects.audited().count()
