"""Documents move to the private storage (settings.STORAGES["private"]), out of the
public media: their files move with them, under the same names. Running it again
(or `manage.py documents_move_private`) moves only what is left."""

from django.db import migrations, models

import media.storage


def move_files(apps, schema_editor):
    from media.storage import move_to_private

    PortalDocument = apps.get_model("media", "PortalDocument")
    names = PortalDocument.objects.values_list("file", flat=True).iterator()
    move_to_private(names)


def move_files_back(apps, schema_editor):
    from django.core.files.storage import storages

    from media.storage import move_to_private

    PortalDocument = apps.get_model("media", "PortalDocument")
    names = PortalDocument.objects.values_list("file", flat=True).iterator()
    move_to_private(names, source=storages["private"], target=storages["default"])


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
