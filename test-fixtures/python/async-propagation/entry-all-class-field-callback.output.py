# fixture-options: entry=all
# A function named as a value in a class body (a serializer field's default=, a model field's
# upload_to=) is called by the framework synchronously: it keeps its sync form.
from django.db import models
from rest_framework import serializers


class Shelf(models.Model):
    label = models.CharField(max_length=20)


def first_shelf():
    return Shelf.objects.get(pk=1)


async def afirst_shelf():
    return await Shelf.objects.aget(pk=1)


class BookSerializer(serializers.Serializer):
    shelf = serializers.PrimaryKeyRelatedField(
        queryset=Shelf.objects.all(),
        default=first_shelf,
    )
