from shop.models import Item, Notice


def cart(request):
    return {"cart_count": Item.objects.filter(owner=request.user.pk).count()}


async def acart(request):
    user = await request.auser()
    return {"cart_count": await Item.objects.filter(owner=user.pk).acount()}


def banner(request):
    return {"banner": Notice.objects.filter(active=True).first()}
