"""Scheduled jobs of the knowledge base (format: portal/core/scheduling.py)."""

from django.utils.translation import gettext_lazy as _

SCHEDULES = [
    {
        "name": "knowledge: remind editors of plans due for review",
        "label": _("Remind editors of plans due for review"),
        "func": "knowledge.tasks.remind_plans_due",
        "schedule_type": "D",
        "hour": 7,
    },
]
