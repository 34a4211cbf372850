import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from portal.core.scheduling import ScheduleError, first_run, sync

pytestmark = pytest.mark.django_db

SPEC = {
    "name": "test: nightly",
    "func": "reports.tasks.purge_old_reports",
    "schedule_type": "D",
    "hour": 2,
}


def test_command_creates_declared_schedules_idempotently(capsys):
    call_command("sync_schedules")
    names = set(Schedule.objects.values_list("name", flat=True))
    assert "reports: purge old report files" in names
    count = Schedule.objects.count()
    before = dict(Schedule.objects.values_list("name", "next_run"))
    call_command("sync_schedules")
    assert Schedule.objects.count() == count
    assert dict(Schedule.objects.values_list("name", "next_run")) == before


def test_sync_updates_by_name():
    sync([SPEC])
    sync([{**SPEC, "schedule_type": "I", "minutes": 15}])
    schedule = Schedule.objects.get(name="test: nightly")
    assert schedule.schedule_type == "I" and schedule.minutes == 15
    assert Schedule.objects.filter(name="test: nightly").count() == 1


def test_daily_first_run_is_next_occurrence_of_the_hour():
    now = timezone.make_aware(dt.datetime(2026, 3, 1, 10, 30))
    run = timezone.localtime(first_run({**SPEC, "weekday": 0, "minutes": None}, now))
    assert (run.day, run.hour) == (2, 2)
    weekly = {**SPEC, "schedule_type": "W", "weekday": 0, "minutes": None, "hour": 7}
    run = timezone.localtime(first_run(weekly, now))  # 1 March 2026 is a Sunday
    assert (run.weekday(), run.day, run.hour) == (0, 2, 7)


@pytest.mark.parametrize(
    "bad",
    [
        {**SPEC, "schedule_type": "X"},
        {**SPEC, "func": "reports.tasks.no_such_function"},
        {**SPEC, "hour": 25},
        {**SPEC, "schedule_type": "I"},
        {"func": "reports.tasks.purge_old_reports", "schedule_type": "D"},
    ],
)
def test_malformed_entries_are_rejected(bad):
    with pytest.raises(ScheduleError):
        sync([bad])
