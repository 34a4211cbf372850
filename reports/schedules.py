"""Scheduled jobs of the report pipeline (see portal/core/scheduling.py for the format)."""

from django.utils.translation import gettext_lazy as _

SCHEDULES = [
    {
        "name": "reports: purge old report files",
        "label": _("Delete old report files"),
        "func": "reports.tasks.purge_old_reports",
        "schedule_type": "D",
        "hour": 3,
    },
    {
        "name": "reports: weekly summaries",
        "label": _("Weekly summaries"),
        "func": "reports.tasks.weekly_reports",
        "schedule_type": "W",
        "weekday": 0,
        "hour": 6,
    },
    {
        # Also run by `manage.py run_worker` every REPORTS_STALL_CHECK_SECONDS; this schedule
        # covers a plain `manage.py qcluster`.
        "name": "reports: recover stalled report jobs",
        "label": _("Restart stalled report jobs"),
        "func": "reports.tasks.recover_stalled_jobs",
        "schedule_type": "I",
        "minutes": 1,
    },
]
