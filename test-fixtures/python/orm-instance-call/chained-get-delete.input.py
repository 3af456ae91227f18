# fixture-options: entry=all
from django.db import models
from django.http import HttpResponse


class Thing(models.Model):
    name = models.CharField(max_length=10)


def drop(request, pk):
    Thing.objects.get(id=pk).delete()
    return HttpResponse("ok")


def rename(request, pk):
    Thing.objects.filter(name="old").first().save(update_fields=["name"])
    return HttpResponse("ok")
