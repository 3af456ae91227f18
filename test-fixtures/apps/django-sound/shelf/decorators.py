import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import Profile


def librarian_required(view):
    """Lets librarians through; sends visitors to the login page and refuses other readers."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not Profile.objects.filter(user=request.user, is_librarian=True).exists():
            raise PermissionDenied("Librarians only.")
        return view(request, *args, **kwargs)

    return wrapper
