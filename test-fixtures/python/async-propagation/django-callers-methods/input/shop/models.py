from django.db import models


class Page(models.Model):
    name = models.CharField(max_length=50)
    body = models.TextField()
