from asgiref.sync import sync_to_async
from django.http import HttpResponse

from .models import Book, Shelf, Tag


# `shelf_label` is handed to map(), which calls it synchronously: it stays sync,
# so the manager's `for_code` keeps its sync form beside the twin the view awaits.
def shelf_label(code):
    return str(Shelf.objects.for_code(code))


async def ashelf_label(code):
    return str(await Shelf.objects.afor_code(code))


async def shelf(request, code):
    found = await Shelf.objects.afor_code(code)

    def _sync_block(found):
        return HttpResponse(str(found))

    return await sync_to_async(_sync_block)(found)


async def loans(request):
    return HttpResponse(str(await Book.objects.all().aloan_count()))


def labels(request):
    return HttpResponse(",".join(map(shelf_label, ["a", "b"])))


async def tags(request):
    return HttpResponse(str(await Tag.objects.apopular_count()))
