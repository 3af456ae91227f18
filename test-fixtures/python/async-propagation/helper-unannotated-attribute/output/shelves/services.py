from django.db.models import Count

from .models import Shelf, Volume


def summary():
    shelves = Shelf.objects.annotate(size=Count("volumes")).order_by("label")
    return {
        "volumes": Volume.objects.count(),
        "sizes": {s.label: s.size for s in shelves},
        "ranks": {s.label: s.rank for s in shelves},
    }
