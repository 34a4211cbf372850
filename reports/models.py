"""Report jobs (in-admin notifications are the ``notifications`` app).

A :class:`ReportJob` is one request for a PDF: the admin (or a schedule) creates it, a
django-q2 worker builds the file, the requester watches its progress and downloads it
through a permission-checked view (files live outside MEDIA_ROOT, in ``REPORTS_DIR``).
"""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def reports_dir() -> Path:
    """Where report files are stored: private, never served by the media URL."""
    return Path(getattr(settings, "REPORTS_DIR", settings.VAR_DIR / "reports"))


def stall_cutoff():
    """A running job whose last heartbeat is older than this has lost its worker."""
    seconds = int(getattr(settings, "REPORTS_STALL_SECONDS", 120))
    return timezone.now() - timezone.timedelta(seconds=seconds)


class ReportJob(models.Model):
    """One PDF report, built in the background. States: see ``TRANSITIONS``."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting in queue")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # Which state a worker may move a job from, to which state (a readable table).
    TRANSITIONS = {
        "claim": ({Status.QUEUED, Status.FAILED}, Status.RUNNING),
        "finish": ({Status.RUNNING}, Status.DONE),
        "fail": ({Status.RUNNING}, Status.FAILED),
        "requeue": ({Status.FAILED}, Status.QUEUED),
        # A running job whose worker died (see ``is_stalled``): back to the queue while it
        # has attempts left, failed otherwise.
        "recover": ({Status.RUNNING}, Status.QUEUED),
        "give_up": ({Status.RUNNING}, Status.FAILED),
    }

    kind = models.CharField(
        _("report kind"), max_length=60, help_text=_("Which report is built (its registry name).")
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("The report's title, for listings.")
    )
    params = models.JSONField(
        _("parameters"), default=dict, blank=True, help_text=_("Validated report parameters.")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_jobs",
        verbose_name=_("requester"),
        help_text=_("Who asked for the report; empty for scheduled reports."),
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_report_jobs",
        verbose_name=_("recipients"),
        help_text=_("Other users who are notified when the report is ready and may download it."),
    )
    schedule_key = models.CharField(
        _("schedule key"),
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Identifies an automatically built report, so a schedule builds it once."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.QUEUED,
        help_text=_("Where the job is in its life cycle."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, help_text=_("Percent done, 0 to 100.")
    )
    error = models.TextField(
        _("error"), blank=True, help_text=_("Why the last attempt failed, in plain words.")
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times a worker started this job.")
    )
    file = models.CharField(
        _("file"),
        max_length=300,
        blank=True,
        help_text=_("Path of the PDF, relative to the private reports directory."),
    )
    file_size = models.PositiveIntegerField(
        _("file size"), default=0, help_text=_("Size of the PDF in bytes.")
    )
    task_id = models.CharField(
        _("task id"), max_length=64, blank=True, help_text=_("The django-q2 task that runs it.")
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, help_text=_("When the report was requested.")
    )
    started_at = models.DateTimeField(
        _("started"), null=True, blank=True, help_text=_("When the last attempt started.")
    )
    finished_at = models.DateTimeField(
        _("finished"), null=True, blank=True, help_text=_("When the job ended (done or failed).")
    )
    heartbeat_at = models.DateTimeField(
        _("last sign of life"),
        null=True,
        blank=True,
        help_text=_(
            "Written by the worker every few seconds while it builds the report; a running "
            "job without a recent one has lost its worker."
        ),
    )
    worker = models.CharField(
        _("worker"),
        max_length=100,
        blank=True,
        help_text=_("Host name and process id of the worker running the last attempt."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        permissions = [("view_all_reportjobs", "Can see and download every report job")]

    def __str__(self):
        return self.title or self.kind

    def get_absolute_url(self):
        return reverse("reports_admin:job", args=[self.pk])

    @property
    def path(self) -> Path | None:
        return reports_dir() / self.file if self.file else None

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stalled(self) -> bool:
        """Running, but its worker has not shown a sign of life for REPORTS_STALL_SECONDS."""
        if self.status != self.Status.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at
        return last is None or last < stall_cutoff()

    @property
    def can_retry(self) -> bool:
        """The user's retry button: a failed job, or one whose worker died."""
        return self.status == self.Status.FAILED or self.is_stalled

    @property
    def max_attempts(self) -> int:
        return int(settings.Q_CLUSTER.get("max_attempts", 1) or 1)

    @property
    def will_retry(self) -> bool:
        """A failed job is retried by the cluster until it has used all its attempts."""
        return self.status == self.Status.FAILED and self.attempts < self.max_attempts

    def can_download(self, user) -> bool:
        if self.status != self.Status.DONE or not user.is_authenticated:
            return False
        return (
            self.requested_by_id == user.pk
            or user.is_superuser
            or user.has_perm("reports.view_all_reportjobs")
            or self.shared_with.filter(pk=user.pk).exists()
        )


from .register import IssuedDocument, Issuer  # noqa: E402,F401  (the document register)
