"""Scheduled search jobs (see CONVENTIONS.md): the nightly consistency check and an
catch-up every 15 minutes for changes OpenSearch missed while it was unreachable, and the
query statistics flush (searches are counted in the cache, see ``stats.py``)."""

from django.utils.translation import gettext_lazy as _

SCHEDULES = [
    {
        "name": "search: nightly consistency check",
        "label": _("Nightly search index check"),
        "func": "search.tasks.check_consistency",
        "schedule_type": "D",
        "hour": 3,
    },
    {
        "name": "search: OpenSearch catch-up",
        "label": _("OpenSearch index catch-up"),
        "func": "search.tasks.catch_up",
        "schedule_type": "I",
        "minutes": 15,
    },
    {
        "name": "search: query statistics",
        "label": _("Search query statistics"),
        "func": "search.tasks.flush_query_stats",
        "schedule_type": "I",
        "minutes": 1,
    },
]
