# fixture-options: entry=all
# `--entry all` chooses the custom manager's `for_key` (it queries); the call
# through `Team.objects` is seen, so `for_key` keeps its sync form for the sync
# caller `team_name` (handed to sorted() as a key) and gains a twin.
from django.db import models


class TeamManager(models.Manager):
    def for_key(self, key):
        return self.get(key=key)

    async def afor_key(self, key):
        return await self.aget(key=key)


class Team(models.Model):
    key = models.CharField(max_length=20)
    name = models.CharField(max_length=100)
    objects = TeamManager()


def team_name(key):
    return Team.objects.for_key(key).name


def names(keys):
    return sorted(keys, key=team_name)
