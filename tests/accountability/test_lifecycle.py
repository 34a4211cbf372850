"""Consistent life cycles (finding 5): closing a case closes its hazard; a closed case's
hazard and a closed interview's commitments send no more reminders and count nowhere."""

import datetime as dt

import pytest
from django.utils import timezone

from accountability import models as m
from accountability.factories import (
    HazardFactory,
    InterviewFactory,
    SupervisionCaseFactory,
    make_staff,
)
from accountability.services import queries, roles, workflow
from accountability.services.reminders import scan
from notifications.models import Notification

TODAY = timezone.localdate()


@pytest.fixture
def listed(world):
    hazard = HazardFactory(
        enterprise=world.own, title="液氨储罐区未设泄漏报警", level=m.Hazard.MAJOR,
        notified_on=TODAY - dt.timedelta(days=50), status=m.Hazard.RECTIFYING,
    )  # fmt: skip
    case = SupervisionCaseFactory(
        enterprise=world.own, hazard=hazard, status=m.SupervisionCase.ACCEPTANCE,
        acceptance_note="验收合格", acceptance_requested_by=world.users["district"],
    )  # fmt: skip
    return case


def test_closing_a_case_closes_its_hazard_and_stops_reminders(world, listed):
    city2 = make_staff("city2", roles.CITY, world.city)
    workflow.apply(listed, "accept", world.users["city"])
    workflow.apply(listed, "close", city2, reason="验收合格，同意销号")
    hazard = m.Hazard.objects.get(pk=listed.hazard_id)
    assert hazard.status == m.Hazard.CLOSED and hazard.closed_on == TODAY
    assert queries.overdue_counts(world.users["district"])["hazards"] == 0
    scan()
    assert not Notification.objects.filter(key__contains=f"hazard:{hazard.pk}:").exists()


def test_hazard_of_a_closed_case_is_not_reminded(world, listed):
    """Records closed before this rule (the case closed, its hazard left open) are not
    reminded either."""
    m.SupervisionCase.objects.filter(pk=listed.pk).update(status=m.SupervisionCase.CLOSED)
    scan()
    assert not Notification.objects.filter(key__contains=f"hazard:{listed.hazard_id}:").exists()
    assert not Notification.objects.filter(title__contains="隐患整改已逾期").exists()


def test_closed_interview_commitments_stop(world):
    iv = InterviewFactory(enterprise=world.own, held_on=TODAY - dt.timedelta(days=40))
    kept = m.Commitment.objects.create(
        interview=iv, content="三个月内完成全员再培训", deadline=TODAY - dt.timedelta(days=2)
    )
    district = world.users["district"]
    assert queries.overdue_counts(district)["commitments"] == 1
    m.Interview.objects.filter(pk=iv.pk).update(status=m.Interview.CLOSED, outcome="整改到位")
    assert queries.overdue_counts(district)["commitments"] == 0
    assert queries.broken_commitments(district).count() == 0
    result = scan()
    assert not Notification.objects.filter(key__contains=f"commitment:{kept.pk}:").exists()
    assert result["proposals"] == 0  # no "broken commitment" downgrade either


@pytest.mark.parametrize("change", ["closed", "archived"])
def test_broken_commitment_is_one_rule(world, change):
    """The model property, the queryset, the list filter and the dashboard count agree on
    which commitments are broken (issue 18: the rule was written three times)."""
    from accountability.views.filters import InterviewFilterSet

    iv = InterviewFactory(enterprise=world.own, held_on=TODAY - dt.timedelta(days=40))
    c = m.Commitment.objects.create(
        interview=iv, content="停产整顿", deadline=TODAY - dt.timedelta(days=1)
    )
    district = world.users["district"]

    def everywhere():
        c.refresh_from_db()
        listed = InterviewFilterSet({"broken": "true"}, m.Interview.objects)
        return {
            "property": c.is_broken,
            "queryset": m.Commitment.objects.broken().filter(pk=c.pk).exists(),
            "filter": listed.qs.filter(pk=iv.pk).exists(),
            "dashboard": queries.overdue_counts(district)["commitments"] == 1,
        }

    assert set(everywhere().values()) == {True}
    if change == "closed":
        m.Interview.objects.filter(pk=iv.pk).update(status=m.Interview.CLOSED)
    else:
        m.Interview.objects.filter(pk=iv.pk).update(archived=True)
    assert set(everywhere().values()) == {False}, everywhere()


def test_report_pending_is_one_rule(world):
    iv = InterviewFactory(enterprise=world.own, held_on=TODAY - dt.timedelta(days=40))
    for status, _label in m.Interview.STATUS_CHOICES:
        m.Interview.objects.filter(pk=iv.pk).update(status=status)
        iv.refresh_from_db()
        pending = m.Interview.objects.report_pending().filter(pk=iv.pk).exists()
        assert iv.report_overdue == pending
        assert (iv.pk in queries.report_overdue_ids(m.Interview.objects.all())) == pending


def test_life_cycle_records_share_one_base(world):
    """Hazards, supervision cases and interviews answer the same questions the same way
    (issue 18: the life-cycle fields and methods were written three times)."""
    from accountability.models.base import LifecycleRecord, acting_user

    old = TODAY - dt.timedelta(days=200)
    hazard = HazardFactory(enterprise=world.own, notified_on=old, status=m.Hazard.RECTIFYING)
    case = SupervisionCaseFactory(enterprise=world.own, listed_on=old)
    token = acting_user.set(world.users["district"])
    try:
        interview = InterviewFactory(enterprise=world.own, held_on=old)
    finally:
        acting_user.reset(token)
    for record in (hazard, case, interview):
        assert isinstance(record, LifecycleRecord)
        assert record.is_open and record.is_overdue and record.due_on < TODAY
    assert hazard.deadline == old + dt.timedelta(days=hazard.rectification_days)
    assert case.deadline == old + dt.timedelta(days=case.period_days)
    assert interview.created_by == world.users["district"]
    m.Hazard.objects.filter(pk=hazard.pk).update(status=m.Hazard.CLOSED)
    hazard.refresh_from_db()
    assert not hazard.is_open and not hazard.is_overdue
    assert not m.Hazard.objects.open().filter(pk=hazard.pk).exists()
