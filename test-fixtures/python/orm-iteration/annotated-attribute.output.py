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


async def shelf_sizes(request):
    return JsonResponse({"sizes": [s.size async for s in Shelf.objects.annotate(size=Count("volumes"))]})


async def longest_per_shelf(request):
    shelves = Shelf.objects.annotate(longest=Max("volumes__pages")).order_by("label")
    out = {}
    async for s in shelves:
        out[s.label] = s.longest
    return JsonResponse(out)


async def default_alias(request):
    return JsonResponse({"counts": [s.volumes__count async for s in Shelf.objects.annotate(Count("volumes"))]})
