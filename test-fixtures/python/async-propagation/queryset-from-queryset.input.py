# fixture-options: entry=all
# A custom QuerySet method reached through a manager built with `from_queryset`
# (a manager class's base, or called inline) or `as_manager()` only chains
# QuerySet methods: its result is a QuerySet of the model, so the count that
# follows runs the query and becomes `acount()`.
from django.db import models
from django.db.models import Q
from django.db.models.manager import BaseManager


class StockQuerySet(models.QuerySet):
    def in_stock(self):
        """Items with at least one copy left."""
        return self.filter(copies__gt=0)

    def listed(self, shop):
        return self.filter(Q(shop=shop) | Q(shop=None), hidden=False).order_by("name")


class StockManager(models.Manager.from_queryset(StockQuerySet)):
    pass


class Lamp(models.Model):
    copies = models.IntegerField(default=0)
    objects = StockManager()


class Rug(models.Model):
    copies = models.IntegerField(default=0)
    objects = models.Manager.from_queryset(StockQuerySet)()


class Vase(models.Model):
    copies = models.IntegerField(default=0)
    objects = BaseManager.from_queryset(StockQuerySet)()


class Desk(models.Model):
    copies = models.IntegerField(default=0)
    objects = StockQuerySet.as_manager()


def lamps_left():
    return Lamp.objects.in_stock().count()


def rugs_left(shop):
    return Rug.objects.listed(shop).in_stock().count()


def first_vase():
    return Vase.objects.in_stock().order_by("id").first()


def has_desks():
    return Desk.objects.all().in_stock().exists()


def lazy_lamps():
    return Lamp.objects.in_stock()
