from django.db import models


class Delivery(models.Model):
    channel = models.CharField(max_length=20)
    body = models.TextField()
