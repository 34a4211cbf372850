"""Inspection schedule per colour (finding 6) and ratings that take effect on their
start date (finding 7)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accountability import models as m
from accountability.factories import EnterpriseFactory
from accountability.services import queries, ratings
from accountability.services.reminders import scan
from notifications.models import Notification

TODAY = timezone.localdate()


@pytest.fixture
def intervals(world):
    for colour, days in (("red", 30), ("yellow", 90), ("blue", 180)):
        m.InspectionFrequency.objects.create(colour=colour, interval_days=days)
    return world


def test_never_inspected_enterprise_becomes_overdue(intervals):
    w = intervals
    ratings.record_rating(w.own, "red", "重大风险", w.users["city"], TODAY - dt.timedelta(days=40))
    w.own.refresh_from_db()
    assert w.own.last_inspected_on is None
    # before: "today + interval", so never overdue
    assert w.own.next_inspection_on == TODAY - dt.timedelta(days=10)
    assert w.own.inspection_overdue
    assert list(m.Enterprise.objects.inspection_overdue()) == [w.own]


def test_red_is_inspected_more_often_than_blue(intervals):
    w = intervals
    seen = TODAY - dt.timedelta(days=60)
    ratings.record_rating(w.own, "red", "重大风险", w.users["city"], TODAY - dt.timedelta(days=400))
    ratings.record_rating(
        w.other, "blue", "低风险", w.users["city"], TODAY - dt.timedelta(days=400)
    )
    m.Enterprise.objects.filter(pk__in=[w.own.pk, w.other.pk]).update(last_inspected_on=seen)
    overdue = set(m.Enterprise.objects.inspection_overdue())
    assert overdue == {w.own}
    for e in m.Enterprise.objects.filter(colour__in=["red", "blue"]):
        assert e.inspection_overdue == (e in overdue)  # the query and the property agree


def test_intervals_must_follow_severity(intervals):
    red = m.InspectionFrequency.objects.get(colour="red")
    red.interval_days = 200
    with pytest.raises(ValidationError):
        red.full_clean()


def test_overdue_inspections_counted_filtered_and_reminded(client, intervals):
    w = intervals
    ratings.record_rating(w.own, "red", "重大风险", w.users["city"], TODAY - dt.timedelta(days=40))
    ratings.record_rating(
        w.other, "red", "重大风险", w.users["city"], TODAY - dt.timedelta(days=40)
    )
    district = w.users["district"]
    assert queries.inspection_overdue(district).count() == 1  # own district only
    client.force_login(district)
    dash = client.get(reverse("accountability_dashboard"))
    row = next(r for r in dash.context["overdue_rows"] if "inspection_overdue" in r["url"])
    assert row["value"] == 1
    listing = client.get(row["url"]).content.decode()
    assert w.own.name in listing and w.own_traffic.name not in listing
    result = scan()
    sent = Notification.objects.filter(user=district, key__startswith="accountability:inspection:")
    assert sent.count() == 1 and w.own.name in sent.get().title
    assert result["reminders"] == Notification.objects.count()


def test_registering_an_inspection_clears_it(intervals):
    w = intervals
    ratings.record_rating(w.own, "red", "重大风险", w.users["city"], TODAY - dt.timedelta(days=40))
    m.Enterprise.objects.filter(pk=w.own.pk).update(last_inspected_on=TODAY)
    assert not m.Enterprise.objects.inspection_overdue().exists()


def test_future_rating_takes_effect_on_its_day(world):
    e = EnterpriseFactory(jurisdiction=world.jinshui, industry=world.chem)
    ratings.record_rating(e, "blue", "初评", world.users["city"], TODAY - dt.timedelta(days=100))
    start = TODAY + dt.timedelta(days=3)
    ratings.record_rating(e, "red", "发生较大事故", world.users["city"], start)
    e.refresh_from_db()
    assert e.colour == "blue"  # not yet
    assert ratings.refresh_all(TODAY + dt.timedelta(days=2)) == 0
    assert ratings.refresh_all(start) == 1
    e.refresh_from_db()
    assert e.colour == "red" and e.colour_since == start
    entry = m.AuditEntry.objects.filter(model="accountability.Enterprise", object_id=str(e.pk))
    assert entry.first().after["colour"] == "red"


def test_rating_dated_today_or_earlier_applies_on_save(world):
    e = EnterpriseFactory(jurisdiction=world.jinshui, industry=world.chem)
    ratings.record_rating(e, "yellow", "复评", world.users["city"], TODAY)
    e.refresh_from_db()
    assert e.colour == "yellow" and e.colour_since == TODAY


def test_rating_refresh_runs_through_django_q(world):
    from django_q.tasks import async_task, result

    from accountability.schedules import SCHEDULES
    from portal.core.scheduling import validate

    spec = validate(SCHEDULES[1], "accountability.schedules")
    assert spec["func"] == "accountability.tasks.daily_rating_refresh"
    e = EnterpriseFactory(jurisdiction=world.jinshui, industry=world.chem)
    rating = ratings.record_rating(e, "red", "事故", world.users["city"], TODAY)
    m.Enterprise.objects.filter(pk=e.pk).update(colour="blue")  # stale stored colour
    assert rating.pk
    task_id = async_task(spec["func"], sync=True)
    assert result(task_id) == {"colours_changed": 1}
    e.refresh_from_db()
    assert e.colour == "red"
