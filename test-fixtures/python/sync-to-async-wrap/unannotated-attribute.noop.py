# fixture-options: entry=all
from django.db import models
from django.db.models import Count
from django.http import JsonResponse


class Shelf(models.Model):
    label = models.CharField(max_length=40)


class Volume(models.Model):
    title = models.CharField(max_length=100)
    shelf = models.ForeignKey(Shelf, related_name="volumes", on_delete=models.CASCADE)


def shelf_sizes(request):
    # `rank` is not annotated: it is set somewhere awaitify cannot see.
    return JsonResponse({"sizes": [s.rank for s in Shelf.objects.annotate(size=Count("volumes"))]})
