from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=50)


class Item(models.Model):
    owner = models.IntegerField()
    name = models.CharField(max_length=50)
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
