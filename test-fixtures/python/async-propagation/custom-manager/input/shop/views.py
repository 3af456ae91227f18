from django.http import HttpResponse

from .models import Book, Shelf, Tag


# `shelf_label` is handed to map(), which calls it synchronously: it stays sync,
# so the manager's `for_code` keeps its sync form beside the twin the view awaits.
def shelf_label(code):
    return str(Shelf.objects.for_code(code))


def shelf(request, code):
    found = Shelf.objects.for_code(code)
    return HttpResponse(str(found))


def loans(request):
    return HttpResponse(str(Book.objects.all().loan_count()))


def labels(request):
    return HttpResponse(",".join(map(shelf_label, ["a", "b"])))


def tags(request):
    return HttpResponse(str(Tag.objects.popular_count()))
