"""A real django-q2 cluster (`manage.py qcluster`, Q_SYNC=0) builds queued report jobs,
retries a failing one and records its error, and runs scheduled jobs whose reminders are
de-duplicated. The subprocesses share one database with the test: a file copy of the
SQLite test database, or the PostgreSQL test database itself."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.qcluster, pytest.mark.django_db(transaction=True)]

SETUP = """
from django.contrib.auth import get_user_model
from reports.scheduling import sync
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


def database_url(tmp_path: Path) -> tuple[str, callable]:
    """A URL the subprocesses can open, and a function running SQL on the same data."""
    if connection.vendor == "sqlite":
        target = tmp_path / "cluster.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)

        def query(sql):
            with sqlite3.connect(target) as db:
                return db.execute(sql).fetchall()

        return f"sqlite:///{target}", query
    params = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{k: params.get(k) or "" for k in ("USER", "PASSWORD", "HOST", "PORT")},
        NAME=params["NAME"],
    )

    def query(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    return url, query


def wait_for(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def test_cluster_builds_reports_retries_failures_and_runs_schedules(tmp_path):
    url, query = database_url(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.reports.qcluster_settings",
        "DATABASE_URL": url,
        "Q_SYNC": "0",
        "Q_WORKERS": "2",
        "Q_TIMEOUT": "30",
        "Q_RETRY": "32",
        "Q_MAX_ATTEMPTS": "2",
        "REPORTS_DIR": str(tmp_path / "reports"),
        "TEST_EMAIL_DIR": str(tmp_path / "mail"),
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "shell", "-c", SETUP], env=env, check=True, timeout=120)
    assert query("SELECT COUNT(*) FROM reports_reportjob WHERE status = 'queued'")[0][0] == 4

    log = (tmp_path / "qcluster.log").open("w")
    cluster = subprocess.Popen(
        [*manage, "qcluster"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
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
    finally:
        os.killpg(cluster.pid, signal.SIGTERM)
        try:
            cluster.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(cluster.pid, signal.SIGKILL)
        log.close()

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
