from django.db import models


class ShelfManager(models.Manager):
    def for_code(self, code):
        return self.filter(code=code).first()


class BookQuerySet(models.QuerySet):
    def on_loan(self):
        return self.filter(loaned=True)

    def loan_count(self):
        return self.filter(loaned=True).count()


class Shelf(models.Model):
    code = models.CharField(max_length=10)
    objects = ShelfManager()


class Book(models.Model):
    title = models.CharField(max_length=100)
    loaned = models.BooleanField(default=False)
    objects = BookQuerySet.as_manager()


class TagQuerySet(models.QuerySet):
    def popular_count(self):
        return self.filter(uses__gt=10).count()


TagManager = models.Manager.from_queryset(TagQuerySet)


class Tag(models.Model):
    uses = models.IntegerField(default=0)
    objects = TagManager()
