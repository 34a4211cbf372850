"""A real django-q2 cluster (`manage.py qcluster`, Q_SYNC=0) builds queued report jobs,
retries a failing one and records its error, and runs scheduled jobs whose reminders are
de-duplicated. The subprocesses share one database with the test: a file copy of the
SQLite test database, or the PostgreSQL test database itself."""

import pytest

from tests.qcluster import run_shell, running_cluster, shared_database, subprocess_env, wait_for

pytestmark = [pytest.mark.qcluster, pytest.mark.django_db(transaction=True)]

SETUP = """
from django.contrib.auth import get_user_model
from portal.core.scheduling import sync
from reports.services import request_report
User = get_user_model()
User.objects.create_superuser("chief", "chief@example.cn", "pw")
for rows in (10, 20, 30):
    request_report("test_roster", {"rows": rows})
request_report("test_roster", {"rows": 5, "fail": True})
spec = {"func": "tests.reports.kinds.remind_superusers", "schedule_type": "I", "minutes": 60}
sync([{**spec, "name": "test: reminder A"}, {**spec, "name": "test: reminder B"}])
from django_q.models import Schedule
from django.utils import timezone
Schedule.objects.update(next_run=timezone.now())
"""


def test_cluster_builds_reports_retries_failures_and_runs_schedules(tmp_path):
    url, query = shared_database(tmp_path)
    env = subprocess_env(
        url,
        DJANGO_SETTINGS_MODULE="tests.reports.qcluster_settings",
        Q_WORKERS="2",
        Q_TIMEOUT="30",
        Q_RETRY="32",
        Q_MAX_ATTEMPTS="2",
        REPORTS_DIR=str(tmp_path / "reports"),
        TEST_EMAIL_DIR=str(tmp_path / "mail"),
    )
    run_shell(env, SETUP)
    assert query("SELECT COUNT(*) FROM reports_reportjob WHERE status = 'queued'")[0][0] == 4

    with running_cluster(env, tmp_path / "qcluster.log"):
        wait_for(
            lambda: (
                query("SELECT COUNT(*) FROM reports_reportjob WHERE status = 'done'")[0][0] == 3
            ),
            90,
            "three reports",
        )
        wait_for(
            lambda: (
                query("SELECT attempts FROM reports_reportjob WHERE status = 'failed'") == [(2,)]
            ),
            90,
            "the failing report to be retried",
        )
        wait_for(
            lambda: (
                query("SELECT COUNT(*) FROM django_q_schedule WHERE task IS NOT NULL")[0][0] == 2
            ),
            60,
            "both schedules to run",
        )
        wait_for(
            lambda: (
                query(
                    "SELECT COUNT(*) FROM django_q_task "
                    "WHERE func = 'tests.reports.kinds.remind_superusers' AND success"
                )[0][0]
                == 2
            ),
            30,
            "both scheduled tasks to finish",
        )

    done = query("SELECT id, file, progress, attempts FROM reports_reportjob WHERE status = 'done'")
    for _job_id, file, progress, attempts in done:
        path = tmp_path / "reports" / file
        assert path.read_bytes().startswith(b"%PDF") and progress == 100 and attempts == 1
        assert [p.name for p in path.parent.iterdir()] == ["roster.pdf"]
    (error,) = query("SELECT error FROM reports_reportjob WHERE status = 'failed'")[0]
    assert "值班系统无法连接" in error
    assert query("SELECT COUNT(*) FROM reports_notification")[0][0] == 1
    mails = list((tmp_path / "mail").glob("*.log"))
    assert len(mails) == 1 and "chief@example.cn" in mails[0].read_text()
