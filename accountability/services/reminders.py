"""The daily deadline scan: reminders before each deadline, on the due day and weekly
once it is overdue, plus the automatic downgrade proposals (overdue major hazard, broken
interview commitment). Safe to run twice: notifications are de-duplicated by key and
proposals by their source key.

A reminder belongs to a *stage* of its deadline (``stage``): 30, 7 and 1 days before, the
due day, then each started week overdue. The key names the stage, not the run day, so a
day the job did not run loses nothing: the next run sends the stage the deadline is in
now, once. Every reminder names the enterprise and the record."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notifications.notify import notify

from ..models import (
    Commitment,
    DowngradeProposal,
    Enterprise,
    Hazard,
    Interview,
    SupervisionCase,
)
from .ratings import raise_proposal
from .roles import DEPARTMENT, SUPERVISORS
from .scoping import allows_enterprise, can_see, may_write, user_scope

REMIND_DAYS = (30, 7, 1)
INSPECTION_REMIND_DAYS = (7,)  # enterprises are many: one early reminder is enough
OVERDUE_EVERY_DAYS = 7


def stage(left: int, thresholds=REMIND_DAYS) -> str | None:
    """The reminder stage of a deadline ``left`` days away (None: nothing to send yet).

    Before the deadline it is the nearest threshold not yet passed (5 days left: "d7"),
    on the day "due", afterwards "overdue" for the first week and "overdue-w2", "-w3"…
    for each later week."""
    if left > 0:
        passed = [t for t in thresholds if t >= left]
        return f"d{min(passed)}" if passed else None
    if left == 0:
        return "due"
    week = (-left - 1) // OVERDUE_EVERY_DAYS
    return "overdue" if week == 0 else f"overdue-w{week + 1}"


def staff():
    """Active supervisors and department officers with a profile, with their scopes."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__accountability_role__code__in=(*SUPERVISORS, DEPARTMENT),
            accountability_profile__isnull=False,
        )
        .distinct()
    )
    return [(u, user_scope(u)) for u in users]


def enterprise_of(obj):
    if isinstance(obj, Enterprise):
        return obj
    return obj.interview.enterprise if isinstance(obj, Commitment) else obj.enterprise


def recipients(obj, people=None):
    """The staff who can open ``obj`` (every deadline item belongs to an enterprise; a
    department officer sees its industries' enterprises but not every record type)."""
    enterprise = enterprise_of(obj)
    record = obj.interview if isinstance(obj, Commitment) else obj
    return [
        u
        for u, scope in (people or staff())
        if allows_enterprise(scope, enterprise) and can_see(u, record)
    ]


def _link_for(user, obj, url):
    """The edit link for those who may change the record, its read-only view otherwise."""
    record = obj.interview if isinstance(obj, Commitment) else obj
    name = record._meta.model_name
    if user.has_perm(f"accountability.change_{name}") and may_write(user, record):
        return url
    return reverse(f"accountability_{name}:inspect", args=[record.pk])


def _items(today):
    """(kind label, object, record name, deadline, admin url, key prefix, thresholds) of
    every open deadline. Records of a closed case or a closed interview are not open."""
    hazards = (
        Hazard.objects.filter(archived=False)
        .open()
        .exclude(deadline=None)
        .exclude(supervision_cases__status=SupervisionCase.CLOSED)
    )
    for h in hazards.select_related("enterprise__jurisdiction"):
        yield (_("Hazard rectification"), h, h.title, h.deadline, _edit("hazard", h.pk),
               f"hazard:{h.pk}", REMIND_DAYS)  # fmt: skip
    cases = SupervisionCase.objects.filter(archived=False).open().exclude(deadline=None)
    for c in cases.select_related("enterprise__jurisdiction"):
        yield (_("Listed supervision"), c, f"{c.notice_number} {c.title}", c.deadline,
               _edit("supervisioncase", c.pk), f"case:{c.pk}", REMIND_DAYS)  # fmt: skip
    interviews = (
        Interview.objects.filter(archived=False)
        .report_pending()
        .select_related("enterprise__jurisdiction")
    )
    for i in interviews:
        name = _("warning interview of %(date)s") % {"date": date_format(i.held_on, "DATE_FORMAT")}
        yield (_("Interview report"), i, name, i.report_due_on, _edit("interview", i.pk),
               f"interview:{i.pk}", REMIND_DAYS)  # fmt: skip
    open_commitments = Commitment.objects.pending().select_related(
        "interview__enterprise__jurisdiction"
    )
    for c in open_commitments:
        yield (_("Interview commitment"), c, c.content[:60], c.deadline,
               _edit("interview", c.interview_id), f"commitment:{c.pk}", REMIND_DAYS)  # fmt: skip
    soon = today + dt.timedelta(days=max(INSPECTION_REMIND_DAYS) + 1)
    due = Enterprise.objects.filter(archived=False).inspection_overdue(soon)
    for e in due.select_related("jurisdiction"):
        name = _("%(colour)s listing") % {"colour": e.get_colour_display()}
        yield (_("Inspection"), e, name, e.next_inspection_on, _edit("enterprise", e.pk),
               f"inspection:{e.pk}:{e.last_inspected_on or 'never'}",
               INSPECTION_REMIND_DAYS)  # fmt: skip


def _edit(model, pk):
    return reverse(f"accountability_{model}:edit", args=[pk])


def _notify(users, title, body, url, key) -> int:
    """Send; returns how many notifications were created now (repeats are not counted)."""
    return len(notify(users, title, body, url=url, key=key))


def _title(kind, enterprise, name, left):
    values = {"kind": kind, "enterprise": enterprise, "record": name, "n": abs(left)}
    if left > 0:
        return _("%(kind)s due in %(n)d days: %(enterprise)s “%(record)s”") % values
    if left == 0:
        return _("%(kind)s due today: %(enterprise)s “%(record)s”") % values
    return _("%(kind)s overdue by %(n)d days: %(enterprise)s “%(record)s”") % values


def scan(today=None, stdout=None) -> dict:
    """Run the daily scan; returns true counts: notifications created now, records they
    were about, downgrade proposals raised."""
    today = today or timezone.localdate()
    sent = records = proposals = 0
    people = staff()
    for label, obj, name, deadline, url, key, thresholds in _items(today):
        if deadline is None:
            continue
        left = (deadline - today).days
        marker = stage(left, thresholds)
        if marker is not None:
            title = _title(label, enterprise_of(obj), name, left)
            body = _("Deadline: %(date)s") % {"date": date_format(deadline, "DATE_FORMAT")}
            by_link = {}
            for user in recipients(obj, people):
                by_link.setdefault(_link_for(user, obj, url), []).append(user)
            created = sum(
                _notify(users, title, body, link, f"accountability:{key}:{marker}")
                for link, users in by_link.items()
            )
            sent += created
            records += bool(created)
        if left < 0:
            proposals += _maybe_propose(obj)
    if stdout is not None:
        stdout.write(
            f"accountability scan {today}: {sent} reminders about {records} records, "
            f"{proposals} proposals\n"
        )
    return {"reminders": sent, "records": records, "proposals": proposals}


def _maybe_propose(obj) -> int:
    if isinstance(obj, Hazard) and obj.level == Hazard.MAJOR:
        _proposal, created = raise_proposal(
            obj.enterprise,
            DowngradeProposal.OVERDUE_MAJOR_HAZARD,
            f"hazard:{obj.pk}",
            _("Major hazard “%(t)s” passed its deadline %(d)s.")
            % {"t": obj.title, "d": date_format(obj.deadline, "DATE_FORMAT")},
        )
        return int(created)
    if isinstance(obj, Commitment):
        _proposal, created = raise_proposal(
            obj.interview.enterprise,
            DowngradeProposal.BROKEN_COMMITMENT,
            f"commitment:{obj.pk}",
            _("Commitment “%(t)s” not kept by %(d)s.")
            % {"t": obj.content[:60], "d": date_format(obj.deadline, "DATE_FORMAT")},
        )
        return int(created)
    return 0
