# fixture-options: entry=all
from django.db import models
from django.http import HttpResponse


class Thing(models.Model):
    name = models.CharField(max_length=10)


async def drop(request, pk):
    await (await Thing.objects.aget(id=pk)).adelete()
    return HttpResponse("ok")


async def rename(request, pk):
    await (await Thing.objects.filter(name="old").afirst()).asave(update_fields=["name"])
    return HttpResponse("ok")
