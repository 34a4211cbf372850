"""Scheduled jobs of the security app (format: portal/core/scheduling.py)."""

SCHEDULES = [
    {
        "name": "security: purge security events past retention",
        "func": "portal.security.tasks.purge_security_events",
        "schedule_type": "D",
        "hour": 3,
    },
]
