from django import template

from shop.models import Item

register = template.Library()


def stock(name):
    return Item.objects.filter(name=name).count()


register.filter("stock", stock)
