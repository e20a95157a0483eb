"""For data migrations: give existing agencies' staff groups the permissions that
agency_provision gives new agencies (access.services.agencies)."""

from django.contrib.auth.management import create_permissions


def grant_to_staff(apps, app_label: str, codenames: list[str]) -> None:
    config = apps.get_app_config(app_label)
    config.models_module = True  # create_permissions skips apps without models
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Agency = apps.get_model("access", "Agency")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )
    for agency in Agency.objects.exclude(staff_group=None).select_related(
        "staff_group"
    ):
        agency.staff_group.permissions.add(*permissions)
