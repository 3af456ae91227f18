from shop.models import Item


def count_for(owner):
    return Item.objects.filter(owner=owner).count()


def cart(request):
    return {"cart_count": count_for(request.session.get("owner"))}
