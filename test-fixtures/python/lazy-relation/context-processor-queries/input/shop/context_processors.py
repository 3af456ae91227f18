from shop.models import Item


def count_items(owner):
    return Item.objects.filter(owner=owner).count()


def cart(request):
    return {"cart_count": count_items(request.session.get("owner"))}
