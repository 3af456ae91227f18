from django.db import models


class Ticket(models.Model):
    subject = models.CharField(max_length=100)
    open = models.BooleanField(default=True)
