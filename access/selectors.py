"""Reads for agencies and people, each scoped at its entry point."""

from django.db.models import QuerySet

from .models import Agency, Portal


def agencies_for_staff(*, user) -> QuerySet[Agency]:
    """The agencies whose staff group the user is in; all of them for a superuser."""
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(staff_group__user=user)


def portal_get_by_key(*, key: str) -> Portal | None:
    return Portal.objects.select_related("agency").filter(key=key).first()
