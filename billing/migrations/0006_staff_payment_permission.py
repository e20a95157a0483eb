"""Existing agencies' staff may look at their clients' payments."""

from django.db import migrations

from access.staff_grants import grant_to_staff


def grant(apps, schema_editor):
    grant_to_staff(apps, "billing", ["view_payment"])


class Migration(migrations.Migration):
    dependencies = [("billing", "0005_payments")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
