# awaitify robustness repro (--entry all), rules: transaction-atomic + request-user.
# The `with transaction.atomic():` block is the first statement of the view and
# the view reads request.user after it. Both rules insert text at the start of
# the body, and the edits interleave.
# Expected:
#     async def update(request, pk):
#         def _atomic_block(pk):
#             with transaction.atomic():
#                 Item.objects.filter(pk=pk).update(name="x")
#         await sync_to_async(_atomic_block)(pk)
#         user = await request.auser()
#         return HttpResponse(user.username)
# (the `user = await request.auser()` line outside the sync function, the block
# re-indented by exactly one level).
# Actual (0.1.0): `user = await request.auser()` lands inside the new sync
# `def _atomic_block`, the `with` line keeps its old indentation and its body is
# indented twice: IndentationError, and `await` outside an async function. The
# file is still written (the tree-sitter re-parse does not flag it), and a
# second run wraps the block again.
from django.db import transaction
from django.http import HttpResponse
from .models import Item


def update(request, pk):
    with transaction.atomic():
        Item.objects.filter(pk=pk).update(name="x")
    return HttpResponse(request.user.username)
