"""Dashboard numbers equal the lengths of the lists they link to; reminders are sent."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accountability import models as m
from accountability.factories import HazardFactory, InterviewFactory, SupervisionCaseFactory
from accountability.services import queries, ratings

TODAY = timezone.localdate()


@pytest.fixture
def busy(world):
    ratings.record_rating(world.own, "red", "事故", world.users["city"], TODAY)
    ratings.record_rating(world.other, "yellow", "整改慢", world.users["city"], TODAY)
    old = TODAY - dt.timedelta(days=60)
    HazardFactory(enterprise=world.own, notified_on=old, status="rectifying", level="major")
    HazardFactory(enterprise=world.other, notified_on=old, status="notified")
    HazardFactory(enterprise=world.own, notified_on=TODAY, status="notified")
    SupervisionCaseFactory(enterprise=world.own, listed_on=old, period_days=30)
    iv = InterviewFactory(
        enterprise=world.own, held_on=TODAY - dt.timedelta(days=20), status="held"
    )
    m.Commitment.objects.create(interview=iv, content="培训", deadline=TODAY - dt.timedelta(days=3))
    InterviewFactory(enterprise=world.own, held_on=TODAY)
    return world


@pytest.mark.parametrize("role", ["city", "district", "superuser"])
def test_dashboard_numbers_match_lists(client, busy, role):
    user = busy.users[role]
    client.force_login(user)
    r = client.get(reverse("accountability_dashboard"))
    assert r.status_code == 200
    ctx = r.context
    links = [*ctx["colour_rows"], *ctx["overdue_rows"]]
    for d in ctx["districts"]:
        for k in ctx["district_keys"]:
            links.append({"value": d[k], "url": d["urls"][k]})
    assert any(row["value"] for row in links)
    for row in links:
        listing = client.get(row["url"])
        assert listing.status_code == 200, row["url"]
        shown = listing.context["paginator"].count
        assert shown == row["value"], (row["url"], shown, row["value"])
        assert f'href="{row["url"]}"'.replace("&", "&amp;") in r.content.decode()


def test_district_sees_only_own_numbers(busy):
    city, district = busy.users["city"], busy.users["district"]
    assert queries.colour_counts(city)["yellow"] == 1
    assert queries.colour_counts(district)["yellow"] == 0
    assert queries.overdue_counts(city)["hazards"] == 2
    assert queries.overdue_counts(district)["hazards"] == 1
    assert queries.overdue_counts(district)["interviews"] == 1
    assert queries.overdue_counts(district)["commitments"] == 1


def test_daily_scan_sends_once_and_raises_proposals(busy):
    from accountability.services.reminders import scan
    from notifications.models import Notification

    first = scan()
    assert first["reminders"] > 0
    count = Notification.objects.count()
    assert count > 0
    scan()
    assert Notification.objects.count() == count  # de-duplicated by key
    triggers = set(m.DowngradeProposal.objects.values_list("trigger", flat=True))
    assert triggers == {"overdue_major_hazard", "broken_commitment"}
    # the district supervisor never hears about the other district's hazard
    other = m.Hazard.objects.get(enterprise=busy.other)
    assert not Notification.objects.filter(
        user=busy.users["district"], key__contains=f"hazard:{other.pk}:"
    ).exists()


def test_schedule_declared_and_task_runs_through_django_q(busy):
    from django_q.tasks import async_task, result

    from accountability.schedules import SCHEDULES
    from portal.core.scheduling import validate

    spec = validate(SCHEDULES[0], "accountability.schedules")
    assert spec["func"] == "accountability.tasks.daily_deadline_scan" and spec["hour"] == 7
    task_id = async_task(spec["func"], sync=True)
    assert result(task_id)["reminders"] > 0
