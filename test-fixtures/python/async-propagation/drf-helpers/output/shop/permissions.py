from rest_framework.permissions import BasePermission

from .services import allowed


class HasItems(BasePermission):
    def has_permission(self, request, view):
        return allowed(request)
