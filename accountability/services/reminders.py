"""The daily deadline scan: reminders 30, 7 and 1 days before a deadline and once when it
is overdue, plus the automatic downgrade proposals (overdue major hazard, broken
interview commitment). Safe to run twice: notifications are de-duplicated by key and
proposals by their source key."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Commitment, DowngradeProposal, Hazard, Interview, SupervisionCase
from .ratings import raise_proposal
from .roles import DEPARTMENT, GROUP_NAMES, SUPERVISORS
from .scoping import allows_enterprise, user_scope

REMIND_DAYS = (30, 7, 1)


def staff():
    """Active supervisors and department officers with a profile, with their scopes."""
    names = [GROUP_NAMES[r] for r in (*SUPERVISORS, DEPARTMENT)]
    users = (
        get_user_model()
        .objects.filter(
            is_active=True, groups__name__in=names, accountability_profile__isnull=False
        )
        .distinct()
    )
    return [(u, user_scope(u)) for u in users]


def recipients(obj, people=None):
    """The staff who can see ``obj`` (every deadline item belongs to an enterprise)."""
    enterprise = obj.interview.enterprise if isinstance(obj, Commitment) else obj.enterprise
    return [u for u, scope in (people or staff()) if allows_enterprise(scope, enterprise)]


def _items(today):
    """(kind label, object, deadline, admin url, key prefix) of every open deadline."""
    hazards = Hazard.objects.filter(archived=False).open().exclude(deadline=None)
    for h in hazards.select_related("enterprise__jurisdiction"):
        yield _("Hazard rectification"), h, h.deadline, _edit("hazard", h.pk), f"hazard:{h.pk}"
    cases = SupervisionCase.objects.filter(archived=False).open().exclude(deadline=None)
    for c in cases.select_related("enterprise__jurisdiction"):
        yield _("Listed supervision"), c, c.deadline, _edit("supervisioncase", c.pk), f"case:{c.pk}"
    interviews = Interview.objects.filter(
        archived=False, status__in=(Interview.NOTIFIED, Interview.HELD)
    ).select_related("enterprise__jurisdiction")
    for i in interviews:
        yield (
            _("Interview report"),
            i,
            i.report_due_on,
            _edit("interview", i.pk),
            f"interview:{i.pk}",
        )
    open_commitments = Commitment.objects.filter(
        interview__archived=False, fulfilled_on__isnull=True
    ).select_related("interview__enterprise__jurisdiction")
    for c in open_commitments:
        url = _edit("interview", c.interview_id)
        yield _("Interview commitment"), c, c.deadline, url, f"commitment:{c.pk}"


def _edit(model, pk):
    return reverse(f"accountability_{model}:edit", args=[pk])


def _notify(users, title, body, url, key):
    from reports.notify import notify

    notify(users, title, body, url=url, key=key)


def scan(today=None, stdout=None) -> dict:
    """Run the daily scan; returns counts for the log."""
    today = today or timezone.localdate()
    sent = proposals = 0
    people = staff()
    for label, obj, deadline, url, key in _items(today):
        if deadline is None:
            continue
        left = (deadline - today).days
        if left in REMIND_DAYS:
            marker, title = (
                f"d{left}",
                _("%(kind)s due in %(n)d days: %(obj)s") % {"kind": label, "n": left, "obj": obj},
            )
        elif left < 0:
            marker, title = "overdue", _("%(kind)s overdue: %(obj)s") % {"kind": label, "obj": obj}
        else:
            continue
        body = _("Deadline: %(date)s") % {"date": deadline.isoformat()}
        users = recipients(obj, people)
        if users:
            _notify(users, title, body, url, f"accountability:{key}:{marker}")
            sent += 1
        if left < 0:
            proposals += _maybe_propose(obj)
    if stdout is not None:
        stdout.write(f"accountability scan {today}: {sent} reminders, {proposals} proposals\n")
    return {"reminders": sent, "proposals": proposals}


def _maybe_propose(obj) -> int:
    if isinstance(obj, Hazard) and obj.level == Hazard.MAJOR:
        _proposal, created = raise_proposal(
            obj.enterprise,
            DowngradeProposal.OVERDUE_MAJOR_HAZARD,
            f"hazard:{obj.pk}",
            _("Major hazard “%(t)s” passed its deadline %(d)s.")
            % {"t": obj.title, "d": obj.deadline},
        )
        return int(created)
    if isinstance(obj, Commitment):
        _proposal, created = raise_proposal(
            obj.interview.enterprise,
            DowngradeProposal.BROKEN_COMMITMENT,
            f"commitment:{obj.pk}",
            _("Commitment “%(t)s” not kept by %(d)s.") % {"t": obj.content[:60], "d": obj.deadline},
        )
        return int(created)
    return 0


def days_until(deadline, today=None):
    today = today or timezone.localdate()
    return (deadline - today).days if isinstance(deadline, dt.date) else None
