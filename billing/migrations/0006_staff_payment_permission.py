"""Existing agencies' staff may look at their clients' payments."""

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
        "billing",
        [("payment", "view")],
    )


class Migration(migrations.Migration):
    dependencies = [("billing", "0005_payments")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
