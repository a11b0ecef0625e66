from django.db import migrations


class Migration(migrations.Migration):
    """The flags and the audit of questions are the moderation core's now (moderation 0002
    copied every row): the old tables go."""

    dependencies = [
        ('questions', '0003_question_hidden_at'),
        ('moderation', '0002_flags_and_records_from_the_apps'),
    ]

    operations = [
        migrations.DeleteModel(name='QuestionFlag'),
        migrations.DeleteModel(name='QuestionModeration'),
    ]
