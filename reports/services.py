"""The report pipeline: request a report, build it in a worker, store it privately.

``request_report`` validates and records a job and queues it with django-q2;
``build_job`` is what the worker runs. Building is idempotent: a job that is already done
is left alone, a job claimed by another worker is skipped (unless that worker has stopped
writing its heartbeat), and the file is written under a fixed name via a temporary file,
so running a job twice leaves one file and one final status.

A worker that dies mid-job (killed, out of memory, machine restart) leaves its job
``running``. ``recover_stalled_jobs`` (run by ``manage.py run_worker`` every
REPORTS_STALL_CHECK_SECONDS and by a schedule every minute) finds such jobs by their worker
process being gone or their heartbeat being older than REPORTS_STALL_SECONDS, and queues
them again while they have attempts left; the user may also retry a stalled job at once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from notifications.notify import notify

from .documents import build_pdf
from .models import ReportJob, reports_dir, stall_cutoff
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


def stalled_q() -> Q:
    """Running jobs whose worker has shown no sign of life for REPORTS_STALL_SECONDS."""
    cutoff = stall_cutoff()
    return Q(status=S.RUNNING) & (
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )


def requeue(job: ReportJob) -> bool:
    """Queue a failed or stalled job again (the user's "try again" button)."""
    allowed, target = ReportJob.TRANSITIONS["requeue"]
    updated = (
        ReportJob.objects.filter(pk=job.pk)
        .filter(Q(status__in=allowed) | stalled_q())
        .update(status=target, progress=0, attempts=0, error="", finished_at=None, worker="")
    )
    if updated:
        enqueue(job)
    return bool(updated)


def worker_id() -> str:
    """Identifies the process running an attempt: host name and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def worker_is_gone(worker: str) -> bool:
    """True when ``worker`` ran on this host and that process no longer exists. A worker
    on another host (or an unreadable one) is judged by its heartbeat alone."""
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover_stalled_jobs() -> int:
    """Put running jobs whose worker died back in the queue (or fail them when their
    attempts are used up). Safe to run anywhere and concurrently: each change is
    conditional on the job still being the same attempt."""
    recovered = 0
    for job in ReportJob.objects.filter(status=S.RUNNING):
        if not (job.is_stalled or worker_is_gone(job.worker)):
            continue
        same_attempt = ReportJob.objects.filter(
            pk=job.pk, status=S.RUNNING, worker=job.worker, started_at=job.started_at
        )
        if job.attempts < job.max_attempts:
            allowed, target = ReportJob.TRANSITIONS["recover"]
            if same_attempt.filter(status__in=allowed).update(
                status=target,
                progress=0,
                worker="",
                error=_("The worker building this report stopped; it has been queued again."),
            ):
                logger.warning("Report job %s lost its worker %s: queued again", job.pk, job.worker)
                enqueue(job)
                recovered += 1
        else:
            allowed, target = ReportJob.TRANSITIONS["give_up"]
            if same_attempt.filter(status__in=allowed).update(
                status=target,
                error=_(
                    "The worker building this report stopped %(count)s times. "
                    "Try again, or ask the administrator to check the worker."
                )
                % {"count": job.attempts},
                finished_at=timezone.now(),
            ):
                logger.warning("Report job %s lost its worker %s: failed", job.pk, job.worker)
                recovered += 1
    return recovered


def _claim(job_id: int) -> bool:
    allowed, target = ReportJob.TRANSITIONS["claim"]
    now = timezone.now()
    return bool(
        ReportJob.objects.filter(pk=job_id)
        .filter(Q(status__in=allowed) | stalled_q())
        .update(
            status=target,
            attempts=F("attempts") + 1,
            started_at=now,
            heartbeat_at=now,
            worker=worker_id(),
            progress=1,
            error="",
        )
    )


class _Heartbeat:
    """While a job is being built, a thread writes its heartbeat every
    REPORTS_HEARTBEAT_SECONDS, also while WeasyPrint runs for minutes without a callback."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.interval = max(1, int(getattr(settings, "REPORTS_HEARTBEAT_SECONDS", 10)))
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.beat, name=f"report-{job_id}-heartbeat")
        self.thread.daemon = True

    def beat(self) -> None:
        me = worker_id()
        try:
            while not self.stopped.wait(self.interval):
                try:
                    ReportJob.objects.filter(pk=self.job_id, status=S.RUNNING, worker=me).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:  # a locked database: try again at the next beat
                    logger.warning("Heartbeat of report job %s not written", self.job_id)
        finally:
            connections.close_all()  # this thread's own connections

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join()


class _Progress:
    """Writes progress to the job row, at most once per 5 percent."""

    def __init__(self, job_id: int, start: int = 1, end: int = 70):
        self.job_id, self.start, self.end, self.last = job_id, start, end, start

    def __call__(self, fraction: float) -> None:
        value = int(self.start + (self.end - self.start) * max(0.0, min(1.0, fraction)))
        if value >= self.last + 5:
            self.last = value
            ReportJob.objects.filter(pk=self.job_id, status=S.RUNNING).update(
                progress=value, heartbeat_at=timezone.now()
            )


def user_message(exc: Exception) -> str:
    if isinstance(exc, ValueError) and str(exc):
        return str(exc)
    return _("The report could not be built: %(error)s") % {
        "error": f"{exc.__class__.__name__}: {exc}"
    }


def _build(job: ReportJob) -> tuple[str, bytes]:
    """Render and store the PDF; returns its relative path and its bytes."""
    kind = get_kind(job.kind)

    # Official documents are numbered and reprinted through the document register.
    def rendering():
        ReportJob.objects.filter(pk=job.pk, status=S.RUNNING).update(
            progress=75, heartbeat_at=timezone.now()
        )

    data = build_pdf(
        kind, job.params, job.requested_by, progress=_Progress(job.pk), rendering=rendering
    )
    relative = f"{job.pk}/{kind.filename(job.params)}"
    target = reports_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return relative, data


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
        with _Heartbeat(job_id):
            relative, data = _build(job)
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
