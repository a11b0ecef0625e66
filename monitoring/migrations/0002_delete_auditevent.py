"""The history moved into the one history (history 0002 copied every row): drop the old table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('history', '0002_from_change_records_and_audit_events'),
        ('monitoring', '0001_initial'),
    ]

    operations = [
        migrations.DeleteModel(
            name='AuditEvent',
        ),
    ]
