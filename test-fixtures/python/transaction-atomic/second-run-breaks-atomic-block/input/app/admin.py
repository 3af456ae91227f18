# fixture-options: entry=all
# log_change is called inside the atomic block, so it keeps its sync form (and
# gains a twin); the moved block passes `self` on, and a second run still sees
# the nested sync function as its caller.
from django.db import transaction


class Admin:
    def log_change(self, request, obj):
        return (request.user.pk, obj)

    def changelist_view(self, request, objs):
        with transaction.atomic():
            for obj in objs:
                self.log_change(request, obj)
        return len(objs)
