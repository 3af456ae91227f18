from django.db import models


class Ticket(models.Model):
    title = models.CharField(max_length=100)
    owner_id = models.IntegerField()
    closed = models.BooleanField(default=False)
