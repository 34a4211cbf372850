"""Scheduled jobs, synchronised into django-q2 by ``manage.py sync_schedules``."""

from django.utils.translation import gettext_lazy as _

SCHEDULES = [
    {
        "name": "accountability: daily deadline scan",
        "label": _("Daily deadline scan and reminders"),
        "func": "accountability.tasks.daily_deadline_scan",
        "schedule_type": "D",
        "hour": 7,
    },
    {
        "name": "accountability: ratings take effect",
        "label": _("Colour ratings take effect"),
        "func": "accountability.tasks.daily_rating_refresh",
        "schedule_type": "D",
        "hour": 0,
    },
    {
        "name": "accountability: next year's holiday calendar",
        "label": _("Check next year's holiday calendar"),
        "func": "accountability.tasks.holiday_calendar_check",
        "schedule_type": "D",
        "hour": 7,
    },
]
