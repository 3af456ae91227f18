# fixture-options: entry=all
import time

from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)

    def copies_sold(self):
        return Sale.objects.filter(book=self).count()


class Sale(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE)


def stats(request, pk):
    time.sleep(0)
    book = Book.objects.get(pk=pk)
    return book.copies_sold()
