# fixture-options: entry=all
# log_change is called inside the atomic block, so it keeps its sync form (and
# gains a twin); the moved block passes `self` on, and a second run still sees
# the nested sync function as its caller.
from asgiref.sync import sync_to_async
from django.db import transaction


class Admin:
    def log_change(self, request, obj):
        return (request.user.pk, obj)

    async def alog_change(self, request, obj):
        user = await request.auser()
        return (user.pk, obj)

    async def changelist_view(self, request, objs):
        def _atomic_block(objs, self, request):
            with transaction.atomic():
                for obj in objs:
                    self.log_change(request, obj)

        await sync_to_async(_atomic_block)(objs, self, request)

        def _sync_block(objs):
            return len(objs)

        return await sync_to_async(_sync_block)(objs)
