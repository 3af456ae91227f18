# fixture-options: entry=all
from django.db import models
from django.shortcuts import get_list_or_404, get_object_or_404 as fetch_or_404


class Book(models.Model):
    title = models.CharField(max_length=100)


def detail(request, pk):
    book = fetch_or_404(Book, pk=pk)
    same = get_list_or_404(Book.objects.filter(title=book.title))
    return book.title, len(same)
