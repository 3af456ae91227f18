# fixture-options: entry=all
from django.db import models
from django.db.models import Count, Max
from django.http import JsonResponse


class Shelf(models.Model):
    label = models.CharField(max_length=40)


class Volume(models.Model):
    title = models.CharField(max_length=100)
    pages = models.IntegerField()
    shelf = models.ForeignKey(Shelf, related_name="volumes", on_delete=models.CASCADE)


def shelf_sizes(request):
    return JsonResponse({"sizes": [s.size for s in Shelf.objects.annotate(size=Count("volumes"))]})


def longest_per_shelf(request):
    shelves = Shelf.objects.annotate(longest=Max("volumes__pages")).order_by("label")
    out = {}
    for s in shelves:
        out[s.label] = s.longest
    return JsonResponse(out)


def default_alias(request):
    return JsonResponse({"counts": [s.volumes__count for s in Shelf.objects.annotate(Count("volumes"))]})
