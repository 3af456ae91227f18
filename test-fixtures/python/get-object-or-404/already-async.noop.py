from django.db import models
from django.shortcuts import aget_object_or_404


class Book(models.Model):
    title = models.CharField(max_length=100)


async def detail(request, pk):
    return (await aget_object_or_404(Book, pk=pk)).title
