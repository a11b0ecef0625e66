"""The history moved into the one history (history 0002 copied every row): drop the old table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('history', '0002_from_change_records_and_audit_events'),
        ('municipalities', '0007_fold_kyrgyz_letters_in_names'),
    ]

    operations = [
        migrations.DeleteModel(
            name='ChangeRecord',
        ),
    ]
