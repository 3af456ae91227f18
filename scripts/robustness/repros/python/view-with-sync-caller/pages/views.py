# awaitify robustness repro (default options: --entry handlers, --api twin for
# Python), rules: get-object-or-404 + async-propagation.
# Found in Django's own contrib/flatpages: views.flatpage is a view (in
# urls.py) and is also called synchronously by
# FlatpageFallbackMiddleware.process_response.
# awaitify reports the boundary ("PageFallbackMiddleware.__call__ calls page:
# __call__ is called by Python synchronously") but still converts `page` in
# place, so the sync middleware returns a coroutine as its response for every
# 404 (and the Http404 is never caught).
# Expected (api twin): keep `def page` sync and add `async def apage` for
# urls.py (route the URL to `views.apage`), or keep `page` sync and report it;
# never leave a sync caller of a function that became async.
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from .models import Page


def page(request, url):
    p = get_object_or_404(Page, url=url)
    return HttpResponse(p.body)
