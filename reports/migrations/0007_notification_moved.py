# Notification moved to the notifications app (same table, see
# notifications/migrations/0001_initial.py): only Django's state changes here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0006_seed_issuers"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
