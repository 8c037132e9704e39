from rest_framework import permissions

from ecobridge.core.permissions import can_create, can_edit


class DirectoryPermission(permissions.BasePermission):
    """The same rules as the web pages: read what you may see, write what you own."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        model = getattr(getattr(view, "queryset", None), "model", None)
        return (
            model is not None
            and can_create(request.user, model)
            or (request.method != "POST" and request.user.is_authenticated)
        )

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_edit(request.user, obj)


class StaffReadOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return (
            request.method in permissions.SAFE_METHODS
            and user.is_authenticated
            and user.is_ecobridge_staff
        )
