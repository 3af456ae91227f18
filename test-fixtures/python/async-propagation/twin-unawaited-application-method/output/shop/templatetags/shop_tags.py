from django import template

from shop.notify import LoudNotifier, Notifier

register = template.Library()


@register.simple_tag
def notify_loudly(ticket_id):
    LoudNotifier.send(ticket_id)
    return ""


@register.simple_tag
def notify_and_archive(ticket_id):
    Notifier.send(ticket_id)
    Notifier.archive(ticket_id)
    return ""
