# awaitify robustness repro (--entry all), rules: async-propagation,
# request-user, transaction-atomic. Not idempotent (found in Django's own
# contrib/admin/options.py: ModelAdmin.log_change).
# Run 1 (correct): changelist_view becomes async, its atomic block moves into
# a sync `_atomic_block` run through sync_to_async, `log_change` stays sync
# (it is called inside the atomic block) and gains an (unused) twin `alog_change`.
# Run 2 (wrong): `log_change` is converted in place to `async def log_change`
# with `await request.auser()`, although its only caller, the sync
# `_atomic_block`, cannot await it: the log call silently becomes a coroutine
# that is never awaited, inside the transaction.
# Expected: run 2 changes nothing (a sync nested function is a sync caller;
# `log_change` keeps its sync form).
from django.db import transaction


class Admin:
    def log_change(self, request, obj):
        return (request.user.pk, obj)

    def changelist_view(self, request, objs):
        with transaction.atomic():
            for obj in objs:
                self.log_change(request, obj)
        return len(objs)
