# fixture-options: entry=all safety=safe
import analytics
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


def book_count(request):
    count = Book.objects.count()
    analytics.track("book_count", count)
    analytics.flush()
    return JsonResponse({"count": count})
