from shop.models import Item, Notice


def cart(request):
    return {"cart_count": Item.objects.filter(owner=request.user.pk).count()}


def banner(request):
    return {"banner": Notice.objects.filter(active=True).first()}
