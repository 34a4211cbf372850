"""Scheduled jobs of the site shell (see portal/core/scheduling.py for the format)."""

SCHEDULES = [
    {
        # /healthz reports the worker cluster as alive while this runs every minute.
        "name": "portal: worker heartbeat",
        "func": "portal.core.health.heartbeat",
        "schedule_type": "I",
        "minutes": 1,
    },
]
