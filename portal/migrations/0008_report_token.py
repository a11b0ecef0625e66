"""Reports get a random address key (token) and a start time.

Existing rows get a token each (a data migration), then the column becomes unique.
"""

import secrets

from django.db import migrations
from django.db import models

import portal.models


def fill_tokens(apps, schema_editor):
    Report = apps.get_model("portal", "Report")
    for pk in Report.objects.filter(token__isnull=True).values_list("pk", flat=True).iterator():
        Report.objects.filter(pk=pk).update(token=secrets.token_urlsafe(32))


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_fold_kyrgyz_letters")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="token",
            field=models.CharField(max_length=64, null=True, editable=False),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="report",
            name="token",
            field=models.CharField(
                default=portal.models.report_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="address key",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="started",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started"),
        ),
    ]
