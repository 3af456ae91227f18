# awaitify robustness repro (--entry all; default --api twin for Python),
# rules: request-user + async-propagation. Found in Django's own
# contrib/admin/options.py (BaseModelAdmin.has_*_permission).
# `has_view_permission` / `has_change_permission` read request.user, so
# --entry all makes them entries and converts them IN PLACE to async, while
# their sync callers are kept as the sync half of a twin:
#     def has_view_or_change_permission(self, request):
#         return self.has_view_permission(request) or ...   # a coroutine: always truthy
#     def change_view(self, request, obj):
#         if not self.has_view_or_change_permission(request):  # never raises
# The sync permission check now always passes (a permission bypass), with only
# a "coroutine was never awaited" warning.
# Expected: the entries get async twins (`ahas_view_permission`, ...) and the
# sync methods keep their sync bodies, as --entry handlers does; or every sync
# caller is migrated too. A sync function must never call a function that was
# made async in place.
class Admin:
    def has_view_permission(self, request):
        return request.user.has_perm("app.view")

    def has_change_permission(self, request):
        return request.user.has_perm("app.change")

    def has_view_or_change_permission(self, request):
        return self.has_view_permission(request) or self.has_change_permission(request)

    def log_change(self, request, obj):
        return (request.user.pk, obj)

    def __str__(self):
        return str(self.log_change(None, 1))

    def change_view(self, request, obj):
        if not self.has_view_or_change_permission(request):
            raise PermissionError
        return self.log_change(request, obj)
