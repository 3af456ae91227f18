# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.db import models


class SingletonManager(models.Manager):
    def get(self):
        return self.get_queryset().first()


class Site(models.Model):
    name = models.CharField(max_length=100)

    current = SingletonManager()
    objects = models.Manager()


async def site_name(request):
    site = await sync_to_async(Site.current.get)()
    if site is None:
        return "unset"
    return site.name + str(await Site.objects.acount())
