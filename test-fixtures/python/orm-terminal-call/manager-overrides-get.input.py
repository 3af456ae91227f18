# fixture-options: entry=all
from django.db import models


class SingletonManager(models.Manager):
    def get(self):
        return self.get_queryset().first()


class Site(models.Model):
    name = models.CharField(max_length=100)

    current = SingletonManager()
    objects = models.Manager()


def site_name(request):
    site = Site.current.get()
    if site is None:
        return "unset"
    return site.name + str(Site.objects.count())
