"""Reminders catch up (finding 11): each stage of a deadline is sent once, at the first
run that reaches it; one on the due day; weekly while overdue; true counts; every
reminder names the enterprise and the record."""

import datetime as dt

import pytest
from django.utils import timezone

from accountability import models as m
from accountability.factories import HazardFactory, InterviewFactory
from accountability.services.reminders import scan, stage
from notifications.models import Notification

TODAY = timezone.localdate()


@pytest.mark.parametrize(
    "left,expected",
    [(31, None), (30, "d30"), (29, "d30"), (8, "d30"), (7, "d7"), (5, "d7"), (2, "d7"),
     (1, "d1"), (0, "due"), (-1, "overdue"), (-7, "overdue"), (-8, "overdue-w2"),
     (-15, "overdue-w3")],
)  # fmt: skip
def test_stages(left, expected):
    assert stage(left) == expected


@pytest.fixture
def hazard(world):
    # deadline = notified_on + 30 days = TODAY + 5
    return HazardFactory(
        enterprise=world.own, title="配电室未设挡鼠板",
        notified_on=TODAY - dt.timedelta(days=25), status=m.Hazard.NOTIFIED,
    )  # fmt: skip


def keys(hazard):
    prefix = f"accountability:hazard:{hazard.pk}:"
    return sorted(
        {k.removeprefix(prefix) for k in Notification.objects.filter(key__startswith=prefix)
         .values_list("key", flat=True)}
    )  # fmt: skip


def test_missed_days_catch_up_and_each_stage_is_sent_once(world, hazard):
    """The job did not run on the 7-day mark: the next run (5 days left) sends it."""
    day = lambda n: hazard.deadline + dt.timedelta(days=n)  # noqa: E731
    assert hazard.deadline == TODAY + dt.timedelta(days=5)
    scan(today=day(-5))
    assert keys(hazard) == ["d7"]
    scan(today=day(-4))
    assert keys(hazard) == ["d7"]  # nothing new until the next stage
    scan(today=day(0))  # the 1-day mark was missed too; the due day has its own
    assert keys(hazard) == ["d7", "due"]
    scan(today=day(1))
    scan(today=day(3))
    assert keys(hazard) == ["d7", "due", "overdue"]
    scan(today=day(9))
    assert keys(hazard) == ["d7", "due", "overdue", "overdue-w2"]


def test_counts_are_true(world, hazard):
    HazardFactory(enterprise=world.other, notified_on=TODAY - dt.timedelta(days=40))
    before = Notification.objects.count()
    first = scan()
    created = Notification.objects.count() - before
    assert first["reminders"] == created > 0
    again = scan()
    assert again["reminders"] == 0 and again["records"] == 0


def test_reminders_name_enterprise_and_record(world, hazard):
    iv = InterviewFactory(enterprise=world.own, held_on=TODAY - dt.timedelta(days=30))
    m.Commitment.objects.create(
        interview=iv, content="完成配电室防小动物改造", deadline=TODAY + dt.timedelta(days=1)
    )
    scan()
    mine = Notification.objects.filter(user=world.users["district"])
    hazard_note = mine.get(key__contains=f"hazard:{hazard.pk}:")
    assert "金水化工" in hazard_note.title and "配电室未设挡鼠板" in hazard_note.title
    assert "还有5天到期" in hazard_note.title
    commitment = mine.get(key__contains="commitment:")
    assert "金水化工" in commitment.title and "完成配电室防小动物改造" in commitment.title
