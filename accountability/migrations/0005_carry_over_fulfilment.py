"""Carries the typed fulfilment of duties over to fulfilment records, and grants the roles
their permissions on the new records.

- A duty with a non-zero typed ``achieved_quantity`` gets one record of that quantity,
  dated 31 December of its list's year, or today if the year has not ended yet (a record
  may not lie in the future), with a note that it was carried over; its free
  ``fulfilment_note`` becomes part of that note.
- A note on a duty with nothing achieved is appended to the list's annual summary.
- Each carried-over record gets an audit entry, as a record created in the interface would.
- The roles get the permissions the table in ``services/roles.py`` lists for
  ``fulfilmentrecord`` (the same as on responsibility lists; view-only for the auditor).
"""

import datetime as dt

from django.db import migrations
from django.utils import timezone

CARRIED = "由原“已完成数量”字段结转（迁移前未逐次记录履职情况）。"


def _record_date(year, today):
    end = dt.date(year, 12, 31)
    start = dt.date(year, 1, 1)
    return max(start, min(end, today))


def _path(lst):
    if lst.enterprise_id:
        return lst.enterprise.jurisdiction.path
    return lst.jurisdiction.path if lst.jurisdiction_id else ""


def carry_over(apps, schema_editor):
    Duty = apps.get_model("accountability", "Duty")
    Record = apps.get_model("accountability", "FulfilmentRecord")
    AuditEntry = apps.get_model("accountability", "AuditEntry")
    today = timezone.localdate()
    duties = Duty.objects.select_related(
        "responsibility_list__enterprise__jurisdiction", "responsibility_list__jurisdiction"
    ).order_by("pk")
    notes = {}
    for duty in duties:
        lst = duty.responsibility_list
        note = (duty.fulfilment_note or "").strip()
        if not duty.achieved_quantity:
            if note:
                notes.setdefault(lst, []).append(f"【{duty.post}】{note}")
            continue
        # bulk_create: the audit signal handlers must not see historical models
        (record,) = Record.objects.bulk_create(
            [
                Record(
                    duty=duty,
                    performed_on=_record_date(lst.year, today),
                    quantity=duty.achieved_quantity,
                    description=f"{CARRIED}\n{note}" if note else CARRIED,
                )
            ]
        )
        AuditEntry.objects.create(
            action="create",
            model="accountability.FulfilmentRecord",
            object_id=str(record.pk),
            object_repr=f"{record.performed_on:%Y-%m-%d} {duty.post} ×{record.quantity}"[:255],
            jurisdiction_path=_path(lst),
            after={
                "duty_id": duty.pk,
                "performed_on": record.performed_on.isoformat(),
                "quantity": record.quantity,
            },
            note="数据迁移：结转已完成数量",
        )
    for lst, lines in notes.items():
        summary = "\n".join(filter(None, [lst.summary.strip(), *lines]))
        type(lst).objects.filter(pk=lst.pk).update(summary=summary)


def restore(apps, schema_editor):
    """Backwards: the typed figure becomes the sum of the records dated in the year."""
    from django.db.models import Sum

    Duty = apps.get_model("accountability", "Duty")
    for duty in Duty.objects.select_related("responsibility_list"):
        year = duty.responsibility_list.year
        total = (
            apps.get_model("accountability", "FulfilmentRecord")
            .objects.filter(duty=duty, archived=False, performed_on__year=year)
            .aggregate(total=Sum("quantity"))["total"]
        )
        Duty.objects.filter(pk=duty.pk).update(achieved_quantity=total or 0)


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from accountability.services.roles import grant_model

    config = apps.get_app_config("accountability")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    grant_model(apps, "fulfilmentrecord")


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0004_fulfilmentrecord"),
    ]

    operations = [
        migrations.RunPython(carry_over, restore),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
