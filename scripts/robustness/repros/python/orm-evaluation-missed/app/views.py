# awaitify robustness repro (default options), rules: orm-iteration /
# orm-terminal-call.
# The view becomes async (it has a .get() that is rewritten). Two forms that
# evaluate a QuerySet are left as they are with no finding at all; each raises
# SynchronousOnlyOperation the first time the async view runs:
#   dict(qs.values_list(...)), sorted(qs, ...)
# (len(qs), `if qs:` and qs[0] were also missed by the build of 03:10 and are
# handled since the build of 03:39.)
# Expected: `{k: v async for k, v in qs.values_list(...)}` and
# `sorted([x async for x in qs], ...)`, or each reported as manual, like the
# generator expression in `sum(1 for _ in qs)` already is.
from django.http import JsonResponse
from .models import Item


def v(request):
    item = Item.objects.get(pk=1)
    n = len(Item.objects.all())
    if Item.objects.filter(name="x"):
        n += 1
    first = Item.objects.all()[0]
    d = dict(Item.objects.values_list("pk", "name"))
    s = sorted(Item.objects.all(), key=lambda i: i.pk)
    return JsonResponse({"n": n, "d": d, "s": len(s), "first": first.pk, "item": item.pk})
