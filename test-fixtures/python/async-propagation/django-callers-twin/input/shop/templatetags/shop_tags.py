from django import template
from django.template.defaultfilters import stringfilter

from shop.models import Item

register = template.Library()


@register.filter
def stock(name):
    return Item.objects.filter(name=name).count()


@register.filter
@stringfilter
def label(name):
    return f"{name} ({Item.objects.filter(name=name).count()})"


@register.simple_tag
def item_total():
    return Item.objects.count()
