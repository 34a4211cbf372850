"""Removes the typed achieved figure and the free fulfilment note of duties: both now
live in fulfilment records (carried over by 0005)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0005_carry_over_fulfilment"),
    ]

    operations = [
        migrations.RemoveField(model_name="duty", name="achieved_quantity"),
        migrations.RemoveField(model_name="duty", name="fulfilment_note"),
    ]
