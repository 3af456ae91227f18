from shop.models import Order


def greeting(request):
    name = request.user.username
    return f"{name} has {Order.objects.filter(owner=name).count()} orders"
