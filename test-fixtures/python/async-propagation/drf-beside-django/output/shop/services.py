from shop.models import Order


def greeting(request):
    name = request.user.username
    return f"{name} has {Order.objects.filter(owner=name).count()} orders"


async def agreeting(request):
    user = await request.auser()
    name = user.username
    return f"{name} has {await Order.objects.filter(owner=name).acount()} orders"
