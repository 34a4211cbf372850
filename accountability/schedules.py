"""Scheduled jobs, synchronised into django-q2 by ``manage.py sync_schedules``."""

SCHEDULES = [
    {
        "name": "accountability: daily deadline scan",
        "func": "accountability.tasks.daily_deadline_scan",
        "schedule_type": "D",
        "hour": 7,
    },
    {
        "name": "accountability: ratings take effect",
        "func": "accountability.tasks.daily_rating_refresh",
        "schedule_type": "D",
        "hour": 0,
    },
    {
        "name": "accountability: next year's holiday calendar",
        "func": "accountability.tasks.holiday_calendar_check",
        "schedule_type": "D",
        "hour": 7,
    },
]
