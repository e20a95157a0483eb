"""Permission policies: staff act only on their own agency's rows; a person's
own profile."""

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from wagtail.permission_policies import ModelPermissionPolicy

from .errors import ApplicationError


def staff_agency_ids(user) -> set[int]:
    """Ids of the agencies whose staff group the user is in (cached on the user)."""
    if not hasattr(user, "_staff_agency_ids"):
        from .models import Agency

        user._staff_agency_ids = set(
            Agency.objects.filter(staff_group__user=user).values_list("pk", flat=True)
        )
    return user._staff_agency_ids


class AgencyScopedPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, narrowed to the rows of the user's agencies."""

    def __init__(self, model, agency_field: str = "agency"):
        super().__init__(model)
        self.agency_field = agency_field

    def _agency_id_of(self, instance: Model):
        return getattr(instance, f"{self.agency_field}_id")

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user.is_superuser or self._agency_id_of(instance) in staff_agency_ids(
            user
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.agency_field}__in": staff_agency_ids(user)})

    def instances_user_has_permission_for(self, user, action) -> QuerySet:
        return self.instances_user_has_any_permission_for(user, [action])


def require_profile_change(person) -> None:
    """Only a care worker keeps their own contact details up to date from their
    portal: a family's profile is the agency's to change (403 action_not_allowed)."""
    if person.portal_kind != "intervenant":
        raise ApplicationError(
            "action_not_allowed",
            _("Votre profil ne peut pas être modifié depuis ce portail."),
            status=403,
        )
