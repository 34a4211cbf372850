"""Retention of the security event log: entries stay at least
PORTAL_SECURITY_LOG_RETENTION_DAYS (never less than 180 days, the Cybersecurity Law's six
months) and are removed after. This job is the only thing that deletes them."""

import logging

from django.conf import settings

from .models import SecurityEvent

logger = logging.getLogger("portal.security")

MINIMUM_DAYS = 180


def purge_security_events(now=None):
    days = max(MINIMUM_DAYS, settings.PORTAL_SECURITY_LOG_RETENTION_DAYS)
    deleted, _details = SecurityEvent.objects.expired(days, now=now).delete()
    logger.info("security log: %d entries older than %d days removed", deleted, days)
    return deleted
