# A data loader deriving from another package's class (`batchlib`): that class calls
# batch_load() synchronously, so the loader's methods stay sync in every mode. Nothing in
# the project calls them, yet the report says once for the class why, naming the base and
# the first blocking operation. A class of our own (Shelf) that nothing calls is simply
# not on a handler path in default mode: nothing is said.
from batchlib import BatchLoader

from shop.models import Book


class BookLoader(BatchLoader):
    def batch_load(self, keys):
        books = {b.pk: b for b in Book.objects.filter(pk__in=keys)}
        return [books.get(k) for k in keys]

    def warm(self):
        return Book.objects.count()


class Shelf:
    def titles(self):
        return list(Book.objects.values_list("title", flat=True))
