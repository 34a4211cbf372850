from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGOUT = "logout", _("Logout")
    LOGIN_FAILED = "login_failed", _("Login failed")
    LOCKED_OUT = "locked_out", _("Locked out")
    UNLOCKED = "unlocked", _("Lockout lifted")
    SESSION_IDLE = "session_idle", _("Session ended after inactivity")
    SESSION_EXPIRED = "session_expired", _("Session reached its time limit")
    OTP_ENROLLED = "otp_enrolled", _("Two-factor authentication enrolled")
    OTP_VERIFIED = "otp_verified", _("Two-factor code accepted")
    OTP_FAILED = "otp_failed", _("Two-factor code rejected")
    OTP_RECOVERY_USED = "otp_recovery_used", _("Recovery code used")
    OTP_RECOVERY_RENEWED = "otp_recovery_renewed", _("Recovery codes renewed")
    OTP_RESET = "otp_reset", _("Two-factor authentication reset")
    GROUPS_CHANGED = "groups_changed", _("User's groups changed")
    USER_PERMISSIONS_CHANGED = "user_permissions_changed", _("User's permissions changed")
    GROUP_PERMISSIONS_CHANGED = "group_permissions_changed", _("Group's permissions changed")
    ACCOUNT_CHANGED = "account_changed", _("Account status changed")


class SecurityEventQuerySet(models.QuerySet):
    def expired(self, days, now=None):
        return self.filter(at__lt=(now or timezone.now()) - timedelta(days=days))


class SecurityEvent(models.Model):
    """One security-relevant event. Names are stored as text so an entry survives the
    deletion or renaming of the account it is about. Entries are never edited; only the
    retention job removes them, once they are older than the retention period."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=EventKind.choices, db_index=True)
    username = models.CharField(
        _("user name"),
        max_length=150,
        blank=True,
        db_index=True,
        help_text=_("Account concerned, as text."),
    )
    actor = models.CharField(
        _("performed by"),
        max_length=150,
        blank=True,
        help_text=_("Who made a change (empty when it is the user themself or the system)."),
    )
    ip_address = models.GenericIPAddressField(
        _("address"), null=True, blank=True, help_text=_("Client address of the request.")
    )
    detail = models.TextField(_("detail"), blank=True, help_text=_("What changed, in words."))

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security event log")
        ordering = ["-at", "-pk"]
        # No add/change/delete permission exists, so no role can be given one.
        default_permissions = ("view",)
        permissions = [("manage_lockouts", _("Can lift login lockouts and reset two factors"))]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"


class AdminRole(models.Model):
    """Marks a group as one of the three administrator roles (三员分立) by a stable code,
    so code never depends on the group's display name."""

    code = models.SlugField(
        _("code"), max_length=32, unique=True, help_text=_("Stable identifier of the role.")
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="admin_role",
        verbose_name=_("role's group"),
        help_text=_("The group that carries this role's permissions."),
    )

    class Meta:
        verbose_name = _("administrator role")
        verbose_name_plural = _("administrator roles")
        default_permissions = ()

    def __str__(self):
        return f"{self.code} ({self.group.name})"
