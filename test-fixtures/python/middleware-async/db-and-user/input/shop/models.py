from django.db import models


class Visit(models.Model):
    path = models.CharField(max_length=200)
    username = models.CharField(max_length=150)
