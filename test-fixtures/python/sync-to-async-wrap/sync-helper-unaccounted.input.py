# fixture-options: entry=all
import analytics
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


def record(event):
    analytics.track(event)


def book_count(request):
    count = Book.objects.count()
    record("book_count")
    return JsonResponse({"count": count})
