# fixture-options: entry=all django=4.2
from asgiref.sync import sync_to_async
from django.db import models
from django.shortcuts import get_object_or_404


class Book(models.Model):
    title = models.CharField(max_length=100)


async def detail(request, pk):
    return (await sync_to_async(get_object_or_404)(Book, pk=pk)).title
