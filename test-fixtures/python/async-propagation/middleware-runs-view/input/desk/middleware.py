from django.contrib.admin.views.decorators import staff_member_required


class StaffOnlyMiddleware:
    """Every view but the public ones is for staff: the middleware runs the view behind the check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "public", False):
            return None
        return staff_member_required(view_func)(request, *view_args, **view_kwargs)
