"""The content types (and so the permissions that point at them) follow the models to lawmaking.

Group and user permission rows point at a permission, which points at a content type: renaming
the content type's app_label in place makes "participation.change_x" "lawmaking.change_x" for everyone
who held it, and keeps admin log entries pointing right. A content type already under the new
label (created by a run of the new code before this migration) holds only the permissions
Django made for it; it gives way to the old one, which carries the grants.
"""

from django.db import migrations

OLD = "participation"
NEW = "lawmaking"
MODELS = ("lawmakingsettings", "draft", "draftrevision", "draftclause", "clausetext", "draftcomment")


def _move(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        moving = ContentType.objects.using(db).filter(app_label=old, model=model).first()
        if moving is None:
            continue
        ContentType.objects.using(db).filter(app_label=new, model=model).delete()
        moving.app_label = new
        moving.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    _move(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):

    dependencies = [
        ("lawmaking", "0001_initial"),
        ("participation", "0007_lawmaking_moves_to_its_own_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
