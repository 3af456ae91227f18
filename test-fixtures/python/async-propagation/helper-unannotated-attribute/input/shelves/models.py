from django.db import models


class Shelf(models.Model):
    label = models.CharField(max_length=40)


class Volume(models.Model):
    title = models.CharField(max_length=100)
    shelf = models.ForeignKey(Shelf, related_name="volumes", on_delete=models.CASCADE)
