"""Scheduled jobs of the report pipeline (see reports/scheduling.py for the format)."""

SCHEDULES = [
    {
        "name": "reports: purge old report files",
        "func": "reports.tasks.purge_old_reports",
        "schedule_type": "D",
        "hour": 3,
    },
    {
        "name": "reports: weekly summaries",
        "func": "reports.tasks.weekly_reports",
        "schedule_type": "W",
        "weekday": 0,
        "hour": 6,
    },
]
