import requests
from django.apps import AppConfig
from django.db.models.signals import post_save


def ping(sender, **kwargs):
    requests.post("https://hooks.example.com/saved", timeout=5)


class ShopConfig(AppConfig):
    name = "shop"

    def ready(self):
        post_save.connect(ping)
