"""Documents move to the private storage (settings.STORAGES["private"]), out of the
public media: their files move with them, under the same names. Running it again
(or `manage.py documents_move_private`) moves only what is left.

Self-contained: a migration must not run today's code against yesterday's schema
(the field's storage callable is only named, as Django requires)."""

from django.core.files.storage import storages
from django.db import migrations, models

import media.storage


def _move(names, source, target):
    for name in names:
        if not name or target.exists(name) or not source.exists(name):
            continue
        with source.open(name, "rb") as content:
            stored = target.save(name, content)
        if stored != name:
            target.delete(stored)
            raise RuntimeError(f"{name} could not keep its name when moved")
        source.delete(name)


def _names(apps):
    PortalDocument = apps.get_model("media", "PortalDocument")
    return PortalDocument.objects.values_list("file", flat=True).iterator()


def move_files(apps, schema_editor):
    _move(_names(apps), storages["default"], storages["private"])


def move_files_back(apps, schema_editor):
    _move(_names(apps), storages["private"], storages["default"])


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0003_french_labels"),
    ]

    operations = [
        migrations.AlterField(
            model_name="portaldocument",
            name="file",
            field=models.FileField(
                storage=media.storage.private_storage,
                upload_to="documents",
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_files, move_files_back, elidable=True),
    ]
