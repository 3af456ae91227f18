# fixture-options: entry=all
# A QuerySet method reached through `as_manager()` that only builds a QuerySet
# runs no query: neither it nor its caller blocks, so nothing changes.
from django.db import models


class BookQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Book(models.Model):
    published = models.BooleanField(default=False)
    objects = BookQuerySet.as_manager()


def published_books():
    return Book.objects.published().order_by("id")
