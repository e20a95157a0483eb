"""Agencies created before billing existed: their staff groups get its permissions,
as agency_provision gives them to new agencies."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("quote", "contract", "invoice")
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    config = apps.get_app_config("billing")
    config.models_module = True  # create_permissions skips apps without models
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Agency = apps.get_model("access", "Agency")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="billing",
            codename__in=[f"{a}_{m}" for m in MODELS for a in ACTIONS],
        )
    )
    for agency in Agency.objects.exclude(staff_group=None).select_related(
        "staff_group"
    ):
        agency.staff_group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
        ("access", "0008_portal_config_version"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
