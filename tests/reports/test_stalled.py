"""A report job whose worker died (killed, out of memory, machine restart) is found and
queued again within the stall bound, up to its attempts, and its requester can retry it
from the job page (issue 13, item 8: a killed worker left a job at 生成中 75 % for 11
minutes with no way to retry)."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from reports.models import ReportJob
from reports.services import create_job, recover_stalled_jobs, worker_id
from tests.qcluster import MANAGE, shared_database, subprocess_env, wait_for

S = ReportJob.Status


def running_job(user=None, *, age: int, worker: str = "elsewhere:1", attempts: int = 1):
    """A job some worker claimed, whose last heartbeat is ``age`` seconds old."""
    job = create_job("test_roster", {"rows": 5}, user)
    beat = timezone.now() - timedelta(seconds=age)
    ReportJob.objects.filter(pk=job.pk).update(
        status=S.RUNNING,
        progress=75,
        attempts=attempts,
        started_at=beat,
        heartbeat_at=beat,
        worker=worker,
    )
    job.refresh_from_db()
    return job


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.django_db
def test_a_job_with_an_old_heartbeat_is_queued_again_and_built(
    settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_STALL_SECONDS = 120
    job = running_job(age=121)
    assert job.is_stalled
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_stalled_jobs() == 1
    job.refresh_from_db()
    assert job.status == S.DONE, job.error
    assert job.attempts == 2
    assert job.path.exists()


@pytest.mark.django_db
def test_a_job_with_a_recent_heartbeat_on_another_host_is_left_alone(settings):
    settings.REPORTS_STALL_SECONDS = 120
    job = running_job(age=100)
    assert not job.is_stalled
    assert recover_stalled_jobs() == 0
    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress) == (S.RUNNING, 1, 75)


@pytest.mark.django_db
def test_a_job_whose_worker_process_on_this_host_is_gone_is_recovered_at_once(
    django_capture_on_commit_callbacks,
):
    job = running_job(age=1, worker=f"{socket.gethostname()}:{dead_pid()}")
    alive = running_job(age=1, worker=worker_id())  # this process: alive
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_stalled_jobs() == 1
    job.refresh_from_db()
    alive.refresh_from_db()
    assert job.status == S.DONE
    assert alive.status == S.RUNNING


@pytest.mark.django_db
def test_a_job_that_used_up_its_attempts_fails_with_a_message(settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "max_attempts": 3}
    job = running_job(age=600, attempts=3)
    assert recover_stalled_jobs() == 1
    job.refresh_from_db()
    assert job.status == S.FAILED
    assert "中断3次" in job.error or "stopped 3 times" in job.error
    assert job.can_retry and not job.will_retry


@pytest.mark.django_db
def test_the_requester_sees_a_retry_button_for_a_stalled_job_and_it_works(
    client, django_user_model, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_STALL_SECONDS = 120
    user = django_user_model.objects.create_superuser("chief", "chief@example.cn", "pw")
    client.force_login(user)
    stalled = running_job(user, age=300)
    fresh = running_job(user, age=5)

    page = client.get(reverse("reports_admin:job", args=[stalled.pk])).content.decode()
    assert 'id="job-retry" method="post"' in page and "立即重试" in page
    assert 'id="job-stalled"' in page and "已停止响应" in page
    status = client.get(reverse("reports_admin:status", args=[stalled.pk])).json()
    assert status["stalled"] and status["can_retry"]

    page = client.get(reverse("reports_admin:job", args=[fresh.pk])).content.decode()
    assert (
        'id="job-retry" method="post" action="{}" hidden'.format(
            reverse("reports_admin:retry", args=[fresh.pk])
        )
        in page
    )
    response = client.post(reverse("reports_admin:retry", args=[fresh.pk]), follow=True)
    assert "只有生成失败或已中断的报告才能重试" in response.content.decode()
    fresh.refresh_from_db()
    assert fresh.status == S.RUNNING

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports_admin:retry", args=[stalled.pk]))
    stalled.refresh_from_db()
    assert stalled.status == S.DONE
    assert stalled.attempts == 1  # a retry by the user starts the count again


# --- with a real cluster --------------------------------------------------------------------


@pytest.mark.qcluster
@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_job_is_recovered_within_seconds(tmp_path):
    """kill -9 the worker while it renders the PDF (75 %): the supervisor's watchdog sees
    the process gone and queues the job again; the second attempt, slower than the stall
    bound, keeps its heartbeat and is not recovered a second time."""
    job = create_job("test_roster", {"rows": 300})
    async_task(
        "reports.tasks.run_report_job",
        job.pk,
        hook="reports.tasks.report_task_finished",
        sync=False,
    )
    url, query = shared_database(tmp_path)
    env = subprocess_env(
        url,
        DJANGO_SETTINGS_MODULE="tests.reports.qcluster_settings",
        Q_WORKERS="1",
        Q_TIMEOUT="100",
        Q_RETRY="120",  # the broker alone would hand the task out again only after 2 min
        REPORTS_DIR=str(tmp_path / "reports"),
        TEST_EMAIL_DIR=str(tmp_path / "mail"),
        REPORTS_HEARTBEAT_SECONDS="1",
        REPORTS_STALL_SECONDS="4",
        REPORTS_STALL_CHECK_SECONDS="2",
    )

    def row():
        return query(
            f"SELECT status, progress, attempts, worker FROM reports_reportjob WHERE id={job.pk}"
        )[0]

    log = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [*MANAGE, "run_worker", "--grace", "10"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: row()[:2] == ("running", 75), 90, "the PDF rendering", 0.2, log)
        pid = int(row()[3].rsplit(":", 1)[1])
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
        wait_for(lambda: row()[2] == 2, 30, "a second attempt", 0.2, log)
        recovered_in = time.monotonic() - killed
        wait_for(lambda: row()[0] == "done", 120, "the report", 0.5, log)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=40)
    status, progress, attempts, _worker = row()
    assert (status, progress, attempts) == ("done", 100, 2)
    assert recovered_in < 10, f"recovered after {recovered_in:.1f} s"
    assert (tmp_path / "reports" / str(job.pk) / "roster.pdf").exists()
    assert "lost its worker" in log.read_text()
