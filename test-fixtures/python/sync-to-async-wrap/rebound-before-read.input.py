# fixture-options: entry=all
import analytics
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


def book_report(request):
    count = Book.objects.count()
    if "refresh" in request.GET:
        report = analytics.build(count)
        analytics.store(report)
    report = analytics.build(count)
    analytics.flush()
    return JsonResponse({"report": report.text})
