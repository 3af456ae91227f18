from django.db import models


class Counter(models.Model):
    total = models.IntegerField(default=0)
