# fixture-options: entry=all
from django.db import models
from django.shortcuts import aget_list_or_404, aget_object_or_404


class Book(models.Model):
    title = models.CharField(max_length=100)


async def detail(request, pk):
    book = await aget_object_or_404(Book, pk=pk)
    same = await aget_list_or_404(Book.objects.filter(title=book.title))
    return book.title, len(same)
