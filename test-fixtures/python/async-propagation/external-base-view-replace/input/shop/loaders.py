from batchlib import BatchLoader

from shop.models import Book


class BookLoader(BatchLoader):
    @classmethod
    def warm(cls):
        return Book.objects.count()
