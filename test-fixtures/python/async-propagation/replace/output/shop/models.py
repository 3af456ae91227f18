from django.db import models


class Product(models.Model):
    stock = models.IntegerField(default=0)
