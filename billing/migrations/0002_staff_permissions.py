"""Agencies created before billing existed: their staff groups get its permissions."""

from django.db import migrations

from access.staff_grants import grant_to_staff


def grant(apps, schema_editor):
    grant_to_staff(
        apps,
        "billing",
        [
            f"{action}_{model}"
            for model in ("quote", "contract", "invoice")
            for action in ("add", "change", "delete", "view")
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
        ("access", "0008_portal_config_version"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
