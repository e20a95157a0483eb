"""Agencies' collections were named "Agence <name>" ("Agence Agence Démo"): they
take the agency's own name."""

from django.db import migrations


def rename(apps, schema_editor):
    Agency = apps.get_model("access", "Agency")
    for agency in Agency.objects.exclude(collection=None).select_related("collection"):
        if agency.collection.name == f"Agence {agency.name}":
            agency.collection.name = agency.name
            agency.collection.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0009_batch_result_labels"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
