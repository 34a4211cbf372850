"""Reusable, scoped queries for the dashboard, lists, reminders and PDF reports.

Every function takes the requesting user and returns only what that user may see."""

import datetime as dt
from collections import OrderedDict

from django.db.models import Count
from django.utils import timezone

from portal.core.districts import district_order

from ..models import (
    BLUE,
    RED,
    YELLOW,
    Commitment,
    DowngradeProposal,
    Enterprise,
    Hazard,
    Interview,
    Jurisdiction,
    SupervisionCase,
)
from .scoping import visible

COLOURS = (RED, YELLOW, BLUE)


def enterprises(user):
    """Enterprises the user may see (archived ones excluded)."""
    return visible(user, Enterprise.objects.filter(archived=False))


def colour_counts(user) -> dict:
    counts = dict(enterprises(user).values_list("colour").annotate(n=Count("pk")))
    return {c: counts.get(c, 0) for c in (*COLOURS, "")}


def inspection_overdue(user, today=None):
    """Enterprises past their next inspection date (interval per colour, from data)."""
    return enterprises(user).inspection_overdue(today)


def hazards(user):
    return visible(user, Hazard.objects.filter(archived=False))


def supervision_cases(user):
    return visible(user, SupervisionCase.objects.filter(archived=False))


def interviews(user):
    return visible(user, Interview.objects.filter(archived=False))


def report_overdue_ids(queryset, today=None) -> list[int]:
    """Interviews whose written report is overdue (due date is in working days, so it is
    computed in Python over the open interviews only)."""
    today = today or timezone.localdate()
    open_ = queryset.report_pending()
    return [i.pk for i in open_ if i.report_due_on and i.report_due_on < today]


def broken_commitments(user, today=None):
    today = today or timezone.localdate()
    return visible(user, Commitment.objects.broken(today)).select_related("interview__enterprise")


def overdue_counts(user, today=None) -> dict:
    today = today or timezone.localdate()
    return {
        "hazards": hazards(user).overdue(today).count(),
        "major_hazards": hazards(user).overdue(today).filter(level=Hazard.MAJOR).count(),
        "supervision": supervision_cases(user).overdue(today).count(),
        "interviews": len(report_overdue_ids(interviews(user), today)),
        "commitments": interviews(user)
        .filter(pk__in=broken_commitments(user, today).values("interview_id"))
        .count(),
    }


def pending_proposals(user):
    return visible(user, DowngradeProposal.objects.filter(status=DowngradeProposal.PENDING))


def upcoming_deadlines(user, days=30, today=None) -> list[dict]:
    """Deadlines in the next ``days`` days, soonest first: kind, object, date."""
    today = today or timezone.localdate()
    end = today + dt.timedelta(days=days)
    rows = []
    for h in hazards(user).due_within(days, today).select_related("enterprise"):
        rows.append({"kind": "hazard", "obj": h, "date": h.deadline})
    for c in supervision_cases(user).due_within(days, today).select_related("enterprise"):
        rows.append({"kind": "supervision", "obj": c, "date": c.deadline})
    open_interviews = interviews(user).report_pending()
    for i in open_interviews.select_related("enterprise"):
        due = i.report_due_on
        if due and today <= due <= end:
            rows.append({"kind": "interview", "obj": i, "date": due})
    commitments = visible(
        user,
        Commitment.objects.pending().filter(deadline__gte=today, deadline__lte=end),
    ).select_related("interview__enterprise")
    for c in commitments:
        rows.append({"kind": "commitment", "obj": c, "date": c.deadline})
    return sorted(rows, key=lambda r: r["date"])


def district_of_path(path: str) -> str:
    """The district part (first two levels) of a jurisdiction path."""
    return "/".join(path.split("/")[:2])


def open_cases_by_district(user) -> list[dict]:
    """Open hazards, supervision cases and interviews per district the user can see."""
    districts = visible(user, Jurisdiction.objects.filter(kind=Jurisdiction.DISTRICT))
    table = OrderedDict((d.path, {"district": d, "hazards": 0, "supervision": 0, "interviews": 0})
                        for d in districts.order_by(district_order("code"), "name"))  # fmt: skip
    sources = [
        ("hazards", hazards(user).open()),
        ("supervision", supervision_cases(user).open()),
        ("interviews", interviews(user).exclude(status=Interview.CLOSED)),
    ]
    for key, qs in sources:
        rows = qs.values_list("enterprise__jurisdiction__path").annotate(n=Count("pk"))
        for path, n in rows:
            d = district_of_path(path)
            if d in table:
                table[d][key] += n
    return list(table.values())
