from django.db import migrations, models


class Migration(migrations.Migration):
    """Draft comments share the moderation core's hidden state (``Hideable``): when, too."""

    dependencies = [
        ('lawmaking', '0002_content_types_and_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='draftcomment',
            name='hidden_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='hidden at'),
        ),
    ]
