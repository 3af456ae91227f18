# fixture-options: entry=all
# The atomic block is the first statement and request.user is read after it:
# the user is loaded before the nested function, which holds the block alone.
from django.db import transaction
from django.http import HttpResponse
from .models import Item


def update(request, pk):
    with transaction.atomic():
        Item.objects.filter(pk=pk).update(name="x")
    return HttpResponse(request.user.username)
