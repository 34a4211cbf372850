"""Scheduled jobs: Wagtail publishes and unpublishes pages at their go-live and expiry
times only when `manage.py publish_scheduled` runs, so django-q2 runs it every minute."""

from django.utils.translation import gettext_lazy as _

SCHEDULES = [
    {
        "name": "campaigns: publish scheduled pages",
        "label": _("Publish scheduled campaign pages"),
        "func": "campaigns.tasks.publish_scheduled",
        "schedule_type": "I",
        "minutes": 1,
    },
]
