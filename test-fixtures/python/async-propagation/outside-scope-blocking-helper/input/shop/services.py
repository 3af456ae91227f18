from .models import Order


def order_total():
    return sum(o.total for o in Order.objects.all())
