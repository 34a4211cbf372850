"""Scheduled jobs of the security app (format: portal/core/scheduling.py)."""

from django.utils.translation import gettext_lazy as _

SCHEDULES = [
    {
        "name": "security: purge security events past retention",
        "label": _("Delete security events past their retention"),
        "func": "portal.security.tasks.purge_security_events",
        "schedule_type": "D",
        "hour": 3,
    },
]
