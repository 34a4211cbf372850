"""Shared bases: every record carries timestamps and an archive flag (soft delete).

Nothing is hard-deleted through the interface: editors archive a record instead, which
hides it from the default lists but keeps it (and its audit trail) for later proof."""

import contextvars
import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrackedModel(models.Model):
    """Abstract base with timestamps and the archive flag.

    ``SCOPE`` names the lookups that tie a record to a jurisdiction, used by
    :mod:`accountability.services.scoping`: ``"enterprise"`` (a foreign key to an
    enterprise), ``"jurisdiction"`` (a foreign key to a jurisdiction) or both."""

    SCOPE: tuple[str, ...] = ()

    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived records are hidden from the default lists but never deleted."),
    )
    created_at = models.DateTimeField(
        _("created at"), auto_now_add=True, help_text=_("When the record was created.")
    )
    updated_at = models.DateTimeField(
        _("updated at"), auto_now=True, help_text=_("When the record was last changed.")
    )

    class Meta:
        abstract = True


# Who is acting in this request or command. Set by the middleware and by
# ``services.audit.as_user``; kept here, beside the models that read it on save, so that
# models never import the services (which import the models).
acting_user = contextvars.ContextVar("accountability_acting_user", default=None)


def actor_field(verbose_name, help_text):
    """Who took a step on a record (accepted it, closed it, approved it): set by the
    services from the acting user, never typed in a form, and kept empty rather than
    deleted when the account goes (the audit trail keeps the name as text)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=verbose_name,
        help_text=help_text,
    )


class LifecycleQuerySet(models.QuerySet):
    """Open, overdue and due-soon records of a :class:`LifecycleRecord` with a stored
    ``deadline`` (hazards, supervision cases)."""

    def open(self):
        return self.exclude(status__in=self.model.DONE_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(deadline__lt=today or timezone.localdate())

    def due_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.open().filter(deadline__gte=today, deadline__lte=today + dt.timedelta(days))


class LifecycleRecord(TrackedModel):
    """A record that moves through a status table (``services.workflow``) towards a
    deadline: hazards, listed supervision cases, warning interviews.

    Subclasses declare ``status`` (choices, default, ``editable=False``), list the final
    statuses in ``DONE_STATUSES``, and say how the deadline follows from their dates in
    :meth:`compute_deadline` (stored in a ``deadline`` field when they have one) or
    :attr:`due_on` (computed, e.g. in working days). An actor field named ``created_by``
    is stamped with the acting user when the record is first saved."""

    DONE_STATUSES: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        deadline = self.compute_deadline()
        if deadline is not None:
            self.deadline = deadline
        if self._state.adding and getattr(self, "created_by_id", 0) is None:
            user = acting_user.get()
            self.created_by = user if user is not None and user.pk else None
        super().save(*args, **kwargs)

    def compute_deadline(self):
        """The deadline implied by the record's dates, or None to leave it as it is."""
        return None

    @property
    def is_open(self) -> bool:
        return self.status not in self.DONE_STATUSES

    @property
    def due_on(self):
        return getattr(self, "deadline", None)

    @property
    def is_overdue(self) -> bool:
        due = self.due_on
        return bool(self.is_open and due and due < timezone.localdate())
