from django.db import migrations, models


class Migration(migrations.Migration):
    """Questions share the moderation core's hidden state (``Hideable``): when, too."""

    dependencies = [
        ('questions', '0002_content_types_and_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='question',
            name='hidden_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='hidden at'),
        ),
    ]
