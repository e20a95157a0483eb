"""Every account gets its folded identifier (NFKC + case folding), unique, which
replaces the case-insensitive unique constraint on the username.

Two existing accounts whose identifiers fold to the same form (`sam` and `ſam`,
`strasse` and `straße`) stop the migration with their ids: one of them must be
renamed first, since sign-in could not tell them apart."""

import unicodedata

from django.db import migrations, models


def fold(identifier: str) -> str:
    # A frozen copy of access.models.fold_identifier as of this migration.
    text = unicodedata.normalize("NFKC", identifier.strip())
    return unicodedata.normalize("NFKC", text.casefold())


def fill_identifier_keys(apps, schema_editor):
    User = apps.get_model("access", "User")
    owners = {}
    for pk, username in User.objects.order_by("pk").values_list("pk", "username"):
        key = fold(username)
        if key in owners:
            raise RuntimeError(
                f"Accounts {owners[key]} and {pk} have identifiers that differ only "
                "by case or by a variant of a letter: rename one before migrating."
            )
        owners[key] = pk
    for key, pk in owners.items():
        User.objects.filter(pk=pk).update(identifier_key=key)


class Migration(migrations.Migration):
    dependencies = [("access", "0011_staff_sender_permissions")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="identifier_key",
            field=models.TextField(editable=False, null=True),
        ),
        migrations.RunPython(fill_identifier_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="identifier_key",
            field=models.TextField(editable=False, unique=True),
        ),
        migrations.RemoveConstraint(model_name="user", name="username_ci_unique"),
    ]
