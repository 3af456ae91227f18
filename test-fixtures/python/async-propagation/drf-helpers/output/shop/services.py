from .models import Item


def count_items(user):
    return Item.objects.filter(owner=user).count()


async def acount_items(user):
    return await Item.objects.filter(owner=user).acount()


def visible(request):
    return Item.objects.filter(owner=request.user)


async def avisible(request):
    user = await request.auser()
    return Item.objects.filter(owner=user)


def label(item):
    return f"{item.name} ({Item.objects.filter(owner_id=item.owner_id).count()})"


def allowed(request):
    return request.user.is_authenticated and Item.objects.filter(owner=request.user).exists()


async def aallowed(request):
    user = await request.auser()
    return user.is_authenticated and await Item.objects.filter(owner=user).aexists()


def mine(request):
    return Item.objects.filter(owner=request.user).count()


async def amine(request):
    user = await request.auser()
    return await Item.objects.filter(owner=user).acount()
