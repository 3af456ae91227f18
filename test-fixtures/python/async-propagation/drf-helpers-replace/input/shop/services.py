# fixture-options: api=replace
from .models import Item


def count_items(user):
    return Item.objects.filter(owner=user).count()


def visible(request):
    return Item.objects.filter(owner=request.user)


def label(item):
    return f"{item.name} ({Item.objects.filter(owner_id=item.owner_id).count()})"


def allowed(request):
    return request.user.is_authenticated and Item.objects.filter(owner=request.user).exists()


def mine(request):
    return Item.objects.filter(owner=request.user).count()
