"""Every role may read change requests (filing and deciding them is ruled by
accountability.services.changes); the day each enterprise's colour took effect is filled
in from its rating history."""

import datetime as dt

from django.db import migrations
from django.db.models import Q


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from accountability.services.roles import grant_model

    config = apps.get_app_config("accountability")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    grant_model(apps, "changerequest")


def colour_since(apps, schema_editor):
    Enterprise = apps.get_model("accountability", "Enterprise")
    Rating = apps.get_model("accountability", "Rating")
    today = dt.date.today()
    in_force = (
        Rating.objects.filter(archived=False, effective_from__lte=today)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=today))
        .order_by("enterprise_id", "-effective_from", "-pk")
    )
    seen = set()
    for rating in in_force.iterator():
        if rating.enterprise_id in seen:
            continue
        seen.add(rating.enterprise_id)
        Enterprise.objects.filter(pk=rating.enterprise_id).update(
            colour_since=rating.effective_from
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0008_change_requests_inspection_schedule"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(colour_since, migrations.RunPython.noop),
    ]
