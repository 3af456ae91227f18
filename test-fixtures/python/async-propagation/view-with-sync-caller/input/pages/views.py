# A view Django calls by reference that the project's own middleware also calls
# synchronously stays sync (reported): converting it in place would hand the
# middleware a coroutine as the response of every 404.
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from .models import Page


def page(request, url):
    p = get_object_or_404(Page, url=url)
    return HttpResponse(p.body)
