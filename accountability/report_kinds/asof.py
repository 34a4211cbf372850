"""The state of the tracker on a past day, from the history it keeps.

A summary for a past year describes the year as it ended (31 December): each
enterprise's colour comes from its rating history, a hazard or supervision case counts as
open if it had been found/listed by then and was not closed until later, and it was
overdue if its deadline had passed by then. For the current year the day is today and
the current records are used as they are.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from ..models import Rating


def as_of_date(year: int, today=None) -> dt.date:
    today = today or timezone.localdate()
    return today if year >= today.year else dt.date(year, 12, 31)


def colours_at(enterprises, day, today=None) -> dict[int, str]:
    """Enterprise id -> listing colour in force on ``day`` ("" = not rated then)."""
    today = today or timezone.localdate()
    if day >= today:
        return dict(enterprises.values_list("pk", "colour"))
    colours = dict.fromkeys(enterprises.values_list("pk", flat=True), "")
    ratings = (
        Rating.objects.filter(enterprise__in=enterprises, archived=False, effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("enterprise_id", "effective_from", "pk")
        .values_list("enterprise_id", "colour")
    )
    for enterprise_id, colour in ratings:
        colours[enterprise_id] = colour  # the newest rating in force wins
    return colours


def open_at(queryset, day, started_field: str, today=None):
    """Records (hazards or cases) open on ``day``: started by then, not closed by then."""
    today = today or timezone.localdate()
    if day >= today:
        return queryset.open()
    done = queryset.model.DONE_STATUSES
    return queryset.filter(**{f"{started_field}__lte": day}).filter(
        Q(closed_on__gt=day) | (Q(closed_on__isnull=True) & ~Q(status__in=done))
    )


def overdue_at(queryset, day, started_field: str, today=None):
    return open_at(queryset, day, started_field, today).filter(deadline__lt=day)
