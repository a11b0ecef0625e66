"""Units are found by their names typed without ө, ү, ң (portal.folding): fold the stored names."""

from django.db import migrations


def refold(apps, schema_editor):
    from portal.folding import fold

    Municipality = apps.get_model("municipalities", "Municipality")
    changed = []
    for unit in Municipality.objects.only("pk", "name_ky", "name_ru", "english_name"):
        names = " ".join([unit.name_ky or "", unit.name_ru or "", unit.english_name or ""])
        unit.search_text = " ".join(fold(names).split())
        changed.append(unit)
    Municipality.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0006_merge_names_and_workbook")]
    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
