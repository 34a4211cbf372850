"""Scheduled search jobs (see CONVENTIONS.md): the nightly consistency check and an
hourly catch-up for changes OpenSearch missed while it was unreachable."""

SCHEDULES = [
    {
        "name": "search: nightly consistency check",
        "func": "search.tasks.check_consistency",
        "schedule_type": "D",
        "hour": 3,
    },
    {
        "name": "search: OpenSearch catch-up",
        "func": "search.tasks.catch_up",
        "schedule_type": "I",
        "minutes": 15,
    },
]
