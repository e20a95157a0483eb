"""Existing agencies' staff get the rights on general terms and the right to look at
signatures."""

from django.db import migrations

from access.staff_grants import grant_to_staff


def grant(apps, schema_editor):
    grant_to_staff(
        apps,
        "billing",
        [
            *(f"{action}_terms" for action in ("add", "change", "delete", "view")),
            "view_signature",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("billing", "0003_signatures")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
