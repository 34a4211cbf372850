"""The immutable audit trail: one row per change of any accountability record."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Audit entries cannot be changed.")

    def delete(self):
        raise PermissionDenied("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after. Written automatically;
    it can be read but never edited or deleted."""

    CREATE, UPDATE, DELETE, TRANSITION = "create", "update", "delete", "transition"
    ACTION_CHOICES = [
        (CREATE, _("Created")),
        (UPDATE, _("Changed")),
        (DELETE, _("Deleted")),
        (TRANSITION, _("Status change")),
    ]
    SCOPE = ("path",)

    at = models.DateTimeField(_("time"), auto_now_add=True, help_text=_("When it happened."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
        help_text=_("Who made the change (empty for system jobs)."),
    )
    username = models.CharField(
        _("username"),
        max_length=150,
        blank=True,
        help_text=_(
            "Login name of who made the change, kept as text so that it survives the "
            "deletion of the account (for the command line: --by or the system user)."
        ),
    )
    user_display = models.CharField(
        _("acting person"),
        max_length=150,
        blank=True,
        help_text=_("Full name (or login name) of who made the change, as it was then."),
    )
    action = models.CharField(
        _("action"), max_length=12, choices=ACTION_CHOICES, help_text=_("Kind of change.")
    )
    model = models.CharField(_("record type"), max_length=60, help_text=_("Model label."))
    object_id = models.CharField(
        _("record id"),
        max_length=40,
        help_text=_("Identifier of the changed record, kept after the record is deleted."),
    )
    object_repr = models.CharField(
        _("record"),
        max_length=255,
        help_text=_("How the record was named at the time of the change."),
    )
    jurisdiction_path = models.CharField(
        _("jurisdiction"),
        max_length=255,
        blank=True,
        db_index=True,
        help_text=_("Jurisdiction path of the record, used to scope who can read it."),
    )
    before = models.JSONField(
        _("before"), null=True, blank=True, encoder=DjangoJSONEncoder, help_text=_("Old values.")
    )
    after = models.JSONField(
        _("after"), null=True, blank=True, encoder=DjangoJSONEncoder, help_text=_("New values.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("Comment."))

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self):
        # Beijing time, as every admin page prints it (the stored value is UTC).
        at = timezone.localtime(self.at) if self.at else None
        when = date_format(at, "DATETIME_FORMAT") if at else ""
        return f"{when} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise PermissionDenied("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit entries cannot be deleted.")

    @property
    def local_time(self):
        """The time in the bureau's time zone (Asia/Shanghai), without zone, for exports
        (spreadsheets would otherwise get UTC)."""
        return timezone.localtime(self.at).replace(tzinfo=None, microsecond=0)

    @property
    def actor(self):
        """Who made the change as text: the person's name as recorded, or "system job"."""
        if self.user_display:
            if self.username and self.username != self.user_display:
                return f"{self.user_display}（{self.username}）"
            return self.user_display
        return self.username or _("system job")

    @property
    def record_type(self):
        """The record's model name in the user's language (e.g. 企业)."""
        try:
            return apps.get_model(self.model)._meta.verbose_name
        except (LookupError, ValueError):
            return self.model


AuditEntry.record_type.fget.short_description = _("record type")
AuditEntry.actor.fget.short_description = _("acting person")
AuditEntry.local_time.fget.short_description = _("time")
