"""django-q2 tasks of the report pipeline."""

from __future__ import annotations

import logging
import shutil

from django.conf import settings
from django.utils import timezone

from . import services
from .models import ReportJob, reports_dir

logger = logging.getLogger(__name__)


def purge_old_reports(days: int | None = None) -> int:
    """Delete finished report jobs (and their files) older than REPORTS_RETENTION_DAYS."""
    days = days if days is not None else int(getattr(settings, "REPORTS_RETENTION_DAYS", 90))
    cutoff = timezone.now() - timezone.timedelta(days=days)
    old = ReportJob.objects.filter(
        created_at__lt=cutoff, status__in=[ReportJob.Status.DONE, ReportJob.Status.FAILED]
    )
    count = 0
    for job in old.iterator():
        shutil.rmtree(reports_dir() / str(job.pk), ignore_errors=True)
        job.delete()
        count += 1
    return count


def run_report_job(job_id: int) -> str:
    """Build one report job (queued by reports.services.request_report)."""
    return services.build_job(job_id)


def report_task_finished(task) -> None:
    """django-q2 hook after every attempt of ``run_report_job``."""
    if not task.success and task.args:
        services.record_task_failure(task.args[0], task.result)


def weekly_reports() -> int:
    """Build the reports that report kinds want every week (see ReportKind.scheduled_runs)."""
    return len(services.schedule_reports("weekly"))


def recover_stalled_jobs() -> int:
    """Re-queue report jobs whose worker died (see reports.services.recover_stalled_jobs)."""
    return services.recover_stalled_jobs()
