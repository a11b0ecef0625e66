# The source of a population share in Kyrgyz and Russian: citizens read it under every balance.

from django.db import migrations, models


def translate(apps, schema_editor):
    from participation.defaults import translate_sources

    translate_sources(apps.get_model("participation", "ReferenceShare"))


class Migration(migrations.Migration):

    dependencies = [
        ('participation', '0004_generated_upload_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='referenceshare',
            name='source_ky',
            field=models.CharField(max_length=400, null=True, verbose_name='source'),
        ),
        migrations.AddField(
            model_name='referenceshare',
            name='source_ru',
            field=models.CharField(max_length=400, null=True, verbose_name='source'),
        ),
        migrations.RunPython(translate, migrations.RunPython.noop),
    ]
