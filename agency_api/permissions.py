from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from integration.models import AgencyApiKey
from integration.scopes import scope_for


class MissingScope(exceptions.PermissionDenied):
    default_code = "missing_scope"
    default_detail = _("Cette clé d'API n'a pas le droit nécessaire.")


class HasScope(BasePermission):
    """A key, holding the scope of the view's resource: read for GET, write else."""

    def has_permission(self, request, view):
        key = request.auth
        if not isinstance(key, AgencyApiKey):
            return False  # DRF answers 401: no key authenticated
        needed = scope_for(view.resource, write=request.method not in SAFE_METHODS)
        if needed not in key.scopes:
            raise MissingScope()
        return True
