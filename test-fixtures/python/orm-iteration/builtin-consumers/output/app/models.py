from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=10)


class Item(models.Model):
    name = models.CharField(max_length=10)
    active = models.BooleanField(default=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
