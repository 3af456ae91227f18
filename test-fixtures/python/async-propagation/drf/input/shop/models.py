from django.db import models


class Order(models.Model):
    total = models.IntegerField()
    owner = models.CharField(max_length=150)
