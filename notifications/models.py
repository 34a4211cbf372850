"""In-admin notifications.

A :class:`Notification` is one message to one user, shown in the admin's notification
list and sent by e-mail (:func:`notifications.notify.notify`). Its ``key`` makes it unique
per user, so a reminder produced by a daily scan is never delivered twice. Every app sends
through it; it depends on no app."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_notifications",
        verbose_name=_("recipient"),
        help_text=_("The admin user who receives this notification."),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("One line, also the e-mail subject.")
    )
    body = models.TextField(_("message"), blank=True, help_text=_("The full message text."))
    url = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("A page of the portal the message refers to (path or full address)."),
    )
    key = models.CharField(
        _("de-duplication key"),
        max_length=200,
        blank=True,
        help_text=_(
            "Identifies the event this message is about (e.g. a deadline and its reminder "
            "stage); a user never receives two notifications with the same key."
        ),
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, help_text=_("When the notification was created.")
    )
    read_at = models.DateTimeField(
        _("read"), null=True, blank=True, help_text=_("When the user marked it as read.")
    )
    emailed_at = models.DateTimeField(
        _("e-mailed"),
        null=True,
        blank=True,
        help_text=_("When the e-mail copy was handed to the mail server."),
    )
    email_error = models.TextField(
        _("e-mail error"),
        blank=True,
        help_text=_("Why the e-mail copy could not be sent, if it failed."),
    )

    class Meta:
        # The table and constraint keep the names they had in the reports app.
        db_table = "reports_notification"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~Q(key=""),
                name="reports_notification_unique_user_key",
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
