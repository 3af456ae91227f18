# fixture-options: entry=all
# The permission checks read request.user, so --entry all chooses them; their
# sync callers keep their sync form, so the checks keep theirs too and gain
# async twins (converting them in place would make every sync check truthy).
from asgiref.sync import sync_to_async


class Admin:
    def has_view_permission(self, request):
        return request.user.has_perm("app.view")

    def has_change_permission(self, request):
        return request.user.has_perm("app.change")

    def has_view_or_change_permission(self, request):
        return self.has_view_permission(request) or self.has_change_permission(request)

    def log_change(self, request, obj):
        return (request.user.pk, obj)

    async def alog_change(self, request, obj):
        user = await request.auser()
        return (user.pk, obj)

    def __str__(self):
        return str(self.log_change(None, 1))

    def change_view(self, request, obj):
        if not self.has_view_or_change_permission(request):
            raise PermissionError
        return self.log_change(request, obj)

    async def achange_view(self, request, obj):
        if not await sync_to_async(self.has_view_or_change_permission)(request):
            raise PermissionError
        return await self.alog_change(request, obj)
