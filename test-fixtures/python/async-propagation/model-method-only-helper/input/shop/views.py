# The view's only blocking work is a model method, which Django and templates call
# synchronously: it stays sync, and so does the view (made async, it would only run the
# call through sync_to_async). Both are said, the method with its blocking line.
from django.http import JsonResponse

from shop.models import Book


def copies(request, pk):
    book = Book(title="x")
    return JsonResponse({"n": book.copies()})
