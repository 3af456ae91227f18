from django.db import models


class Note(models.Model):
    ticket_id = models.IntegerField()
    text = models.CharField(max_length=100)
