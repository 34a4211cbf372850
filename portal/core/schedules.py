"""Scheduled jobs of the site shell (see portal/core/scheduling.py for the format)."""

from django.utils.translation import gettext_lazy as _

SCHEDULES = [
    {
        # /healthz reports the worker cluster as alive while this runs every minute.
        "name": "portal: worker heartbeat",
        "label": _("Worker heartbeat"),
        "func": "portal.core.health.heartbeat",
        "schedule_type": "I",
        "minutes": 1,
    },
]
