from django.db import migrations


def load(apps, schema_editor):
    from participation.defaults import load_defaults

    load_defaults(apps.get_model("participation", "BalanceGroup"),
                  apps.get_model("participation", "ReferenceShare"))


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
