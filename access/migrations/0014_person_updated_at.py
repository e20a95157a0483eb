import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("access", "0013_account_contact")]

    operations = [
        migrations.AddField(
            model_name=model,
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True,
                db_index=True,
                default=django.utils.timezone.now,
                verbose_name="modifié le",
            ),
            preserve_default=False,
        )
        for model in ("client", "intervenant")
    ]
