"""Which auth group carries which staff role, by a stable code.

Admins may rename a group (its name is only what they read in the group list); the role
stays with the group because code looks roles up by ``code``, never by the name. The same
mechanism as ``portal.security.AdminRole`` for the administrator roles."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

ROLE_CHOICES = [
    ("city_supervisor", _("City supervisor")),
    ("district_supervisor", _("District supervisor")),
    ("department_officer", _("Industry department officer")),
    ("auditor", _("Read-only auditor")),
]


class StaffRole(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        choices=ROLE_CHOICES,
        help_text=_("Stable identifier the workflow tables and permissions refer to."),
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="accountability_role",
        verbose_name=_("role's group"),
        help_text=_("The group whose members hold this role; it may be renamed freely."),
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        default_permissions = ()

    def __str__(self):
        return f"{self.code} ({self.group.name})"
