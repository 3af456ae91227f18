from asgiref.sync import async_to_sync
from django.db import models

from .services import delay_for, wait_for_warehouse


class Product(models.Model):
    name = models.CharField(max_length=100)
    stock = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.name} ({delay_for(self.name)})"

    def refresh_stock(self):
        async_to_sync(wait_for_warehouse)()
        return self.stock
