"""The report pipeline: request a report, build it in a worker, store it privately.

``request_report`` validates and records a job and queues it with django-q2;
``build_job`` is what the worker runs. Building is idempotent: a job that is already done
is left alone, a job claimed by another worker is skipped (unless that worker has been
silent for longer than the cluster timeout), and the file is written under a fixed name
via a temporary file, so running a job twice leaves one file and one final status.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .documents import build_pdf
from .models import ReportJob, reports_dir
from .registry import discover_report_kinds

logger = logging.getLogger(__name__)
S = ReportJob.Status


class ReportError(ValueError):
    """A user-facing reason why a report cannot be requested or built."""


def get_kind(name: str):
    kinds = discover_report_kinds()
    if name not in kinds:
        raise ReportError(_("Unknown report kind: %(name)s") % {"name": name})
    return kinds[name]


def kinds_for(user) -> list:
    return sorted(
        (k for k in discover_report_kinds().values() if k.available_to(user)),
        key=lambda k: str(k.label),
    )


def create_job(kind_name: str, params: dict, user=None) -> ReportJob:
    """Validate the parameters and record a queued job (not yet enqueued)."""
    kind = get_kind(kind_name)
    if not kind.available_to(user):
        raise ReportError(_("You do not have permission to request this report."))
    try:
        cleaned = kind.clean_params(dict(params))
        kind.check_access(cleaned, user)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc
    return ReportJob.objects.create(
        kind=kind.name, params=cleaned, title=str(kind.title(cleaned))[:200], requested_by=user
    )


def enqueue(job: ReportJob) -> None:
    """Hand the job to django-q2 once the surrounding transaction has committed."""
    from django_q.tasks import async_task

    def send():
        try:
            task_id = async_task(
                "reports.tasks.run_report_job",
                job.pk,
                task_name=f"report-{job.pk}-{job.kind}"[:100],
                hook="reports.tasks.report_task_finished",
            )
        except Exception as exc:
            # In synchronous mode the task ran here and its failure is already recorded on
            # the job; otherwise the queue itself is unreachable: say so on the job.
            logger.warning("Report job %s could not be queued or failed inline: %s", job.pk, exc)
            ReportJob.objects.filter(pk=job.pk, status=S.QUEUED).update(
                status=S.FAILED,
                error=_("The report could not be queued: %(error)s") % {"error": exc},
                finished_at=timezone.now(),
            )
            return
        ReportJob.objects.filter(pk=job.pk).update(task_id=str(task_id or "")[:64])

    transaction.on_commit(send)


def request_report(kind_name: str, params: dict, user=None) -> ReportJob:
    job = create_job(kind_name, params, user)
    enqueue(job)
    return job


def requeue(job: ReportJob) -> bool:
    """Queue a failed job again (the user's "try again" button)."""
    allowed, target = ReportJob.TRANSITIONS["requeue"]
    updated = ReportJob.objects.filter(pk=job.pk, status__in=allowed).update(
        status=target, progress=0, attempts=0, error="", finished_at=None
    )
    if updated:
        enqueue(job)
    return bool(updated)


def _claim(job_id: int) -> bool:
    allowed, target = ReportJob.TRANSITIONS["claim"]
    stale = timezone.now() - timedelta(seconds=int(settings.Q_CLUSTER.get("timeout") or 600))
    return bool(
        ReportJob.objects.filter(pk=job_id)
        .filter(Q(status__in=allowed) | Q(status=S.RUNNING, started_at__lt=stale))
        .update(
            status=target,
            attempts=F("attempts") + 1,
            started_at=timezone.now(),
            progress=1,
            error="",
        )
    )


class _Progress:
    """Writes progress to the job row, at most once per 5 percent."""

    def __init__(self, job_id: int, start: int = 1, end: int = 70):
        self.job_id, self.start, self.end, self.last = job_id, start, end, start

    def __call__(self, fraction: float) -> None:
        value = int(self.start + (self.end - self.start) * max(0.0, min(1.0, fraction)))
        if value >= self.last + 5:
            self.last = value
            ReportJob.objects.filter(pk=self.job_id, status=S.RUNNING).update(progress=value)


def user_message(exc: Exception) -> str:
    if isinstance(exc, ValueError) and str(exc):
        return str(exc)
    return _("The report could not be built: %(error)s") % {
        "error": f"{exc.__class__.__name__}: {exc}"
    }


def build_job(job_id: int) -> str:
    """Build one job's PDF. Returns the final status; re-raises a failure so that
    django-q2 records it and retries the task (up to Q_MAX_ATTEMPTS)."""
    job = ReportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.status == S.DONE and job.path and job.path.exists():
        return S.DONE
    if not _claim(job_id):
        return ReportJob.objects.get(pk=job_id).status
    job.refresh_from_db()
    try:
        kind = get_kind(job.kind)
        # Official documents are numbered and reprinted through the document register.
        data = build_pdf(kind, job.params, job.requested_by, progress=_Progress(job.pk))
        relative = f"{job.pk}/{kind.filename(job.params)}"
        target = reports_dir() / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except Exception as exc:
        logger.exception("Report job %s failed", job_id)
        allowed, target_status = ReportJob.TRANSITIONS["fail"]
        ReportJob.objects.filter(pk=job_id, status__in=allowed).update(
            status=target_status, error=user_message(exc)[:4000], finished_at=timezone.now()
        )
        raise
    allowed, target_status = ReportJob.TRANSITIONS["finish"]
    ReportJob.objects.filter(pk=job_id, status__in=allowed).update(
        status=target_status,
        progress=100,
        file=relative,
        file_size=len(data),
        finished_at=timezone.now(),
        error="",
    )
    notify_ready(job_id)
    return S.DONE


def notify_ready(job_id: int) -> None:
    """Tell the requester and the recipients that the PDF can be downloaded (once)."""
    from .notify import notify

    job = ReportJob.objects.select_related("requested_by").get(pk=job_id)
    users = [job.requested_by, *job.shared_with.all()]
    notify(
        users,
        _("Report ready: %(title)s") % {"title": job.title or job.kind},
        _("The PDF can be downloaded from the report page."),
        url=reverse("reports_admin:job", args=[job.pk]),
        key=f"report-ready:{job.pk}",
    )


def schedule_reports(frequency: str, today=None) -> list[ReportJob]:
    """Create and queue the reports every kind wants built at ``frequency``; a run whose
    key already has a job is skipped, so running the schedule twice builds nothing new."""
    today = today or timezone.localdate()
    created = []
    for kind in discover_report_kinds().values():
        for run in kind.scheduled_runs(frequency, today):
            key = f"{frequency}:{kind.name}:{run['key']}"[:200]
            if ReportJob.objects.filter(schedule_key=key).exists():
                continue
            cleaned = kind.clean_params(dict(run["params"]))
            try:
                with transaction.atomic():
                    job = ReportJob.objects.create(
                        kind=kind.name,
                        params=cleaned,
                        title=str(kind.title(cleaned))[:200],
                        schedule_key=key,
                    )
                    job.shared_with.set([u for u in run.get("recipients", []) if u])
            except IntegrityError:
                continue  # another worker created it a moment ago
            enqueue(job)
            created.append(job)
    return created


def record_task_failure(job_id: int, result) -> bool:
    """Called by the cluster after a failed task attempt. A task killed for exceeding the
    cluster timeout never reached ``build_job``'s error handling: mark its job failed."""
    text = str(result or "")
    if "timeout" in text.lower():
        message = _("The report took longer than the time limit (%(seconds)s seconds).") % {
            "seconds": settings.Q_CLUSTER.get("timeout")
        }
    else:
        message = user_message(RuntimeError(text.split(" : Traceback")[0][:500]))
    allowed, target = ReportJob.TRANSITIONS["fail"]
    return bool(
        ReportJob.objects.filter(pk=job_id, status__in=allowed).update(
            status=target, error=message, finished_at=timezone.now()
        )
    )
