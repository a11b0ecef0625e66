"""The content types (and so the permissions that point at them) follow the models to questions.

Group and user permission rows point at a permission, which points at a content type: renaming
the content type's app_label in place makes "practices.change_x" "questions.change_x" for everyone
who held it, and keeps admin log entries pointing right. A content type already under the new
label (created by a run of the new code before this migration) holds only the permissions
Django made for it; it gives way to the old one, which carries the grants.
"""

from django.db import migrations

OLD = "practices"
NEW = "questions"
MODELS = ("question", "questionflag", "questionmoderation")


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
        ("questions", "0001_initial"),
        ("practices", "0003_questions_move_to_their_own_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
