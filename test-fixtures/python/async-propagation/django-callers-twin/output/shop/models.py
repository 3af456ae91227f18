import requests
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver


class Item(models.Model):
    owner = models.IntegerField()
    name = models.CharField(max_length=50)


class Notice(models.Model):
    active = models.BooleanField()


@receiver(post_save, sender=Item)
def announce(sender, instance, **kwargs):
    requests.post("https://hooks.example.com/items", json={"name": instance.name}, timeout=5)


def forget(sender, instance, **kwargs):
    requests.post("https://hooks.example.com/gone", json={"name": instance.name}, timeout=5)


post_delete.connect(forget, sender=Item)
