from django.db import migrations


class Migration(migrations.Migration):
    """Comment flags and moderation records are the moderation core's now (moderation 0002
    copied every row): the old tables go. UserBlock keeps its table, now in moderation's state
    (moderation 0001)."""

    dependencies = [
        ('participation', '0009_merge_follow_and_lawmaking_app'),
        ('moderation', '0002_flags_and_records_from_the_apps'),
    ]

    operations = [
        migrations.DeleteModel(name='CommentFlag'),
        migrations.DeleteModel(name='ModerationRecord'),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='UserBlock')],
            database_operations=[],
        ),
    ]
