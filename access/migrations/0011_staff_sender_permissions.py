"""Agency staff manage their agency's sender addresses: existing staff groups get
the permissions new agencies get."""

from django.db import migrations


def grant_to_staff(apps, app_label, wanted):
    """Give every existing agency's staff group these permissions ((model, action)
    pairs), creating them first where post_migrate has not yet. Self-contained: a
    migration must not run today's code against yesterday's schema."""
    Agency = apps.get_model("access", "Agency")
    agencies = list(
        Agency.objects.exclude(staff_group=None).select_related("staff_group")
    )
    if not agencies:  # a fresh database: agency_provision grants them later
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for model_name, action in wanted:
        model = apps.get_model(app_label, model_name)
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model_name
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model_name}",
            defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
        )
        permissions.append(permission)
    for agency in agencies:
        agency.staff_group.permissions.add(*permissions)


def grant(apps, schema_editor):
    grant_to_staff(
        apps,
        "access",
        [("senderaddress", action) for action in ("add", "change", "delete", "view")],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0010_collection_named_after_agency"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
