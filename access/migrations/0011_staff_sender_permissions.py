"""Agency staff manage their agency's sender addresses: existing staff groups get
the permissions new agencies get."""

from django.db import migrations

from access.staff_grants import grant_to_staff


def grant(apps, schema_editor):
    grant_to_staff(
        apps,
        "access",
        [f"{action}_senderaddress" for action in ("add", "change", "delete", "view")],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0010_collection_named_after_agency"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
