"""Writing the security event log: one function, used by signals, middleware and views."""

import ipaddress
import logging

from django.conf import settings

from .models import SecurityEvent

logger = logging.getLogger("portal.security")


def client_ip(request):
    """The visitor's address: PORTAL_CLIENT_IP_META names the header a trusted proxy sets
    (its first entry if it is a list); anything that is not an address counts as none."""
    if request is None:
        return None
    raw = request.META.get(settings.PORTAL_CLIENT_IP_META) or request.META.get("REMOTE_ADDR")
    candidate = (raw or "").split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def actor_of(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.get_username()
    return ""


def _printable(text, limit=None):
    """Control characters (a NUL typed into a login form) would break PostgreSQL or the log."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in (text or ""))
    return cleaned[:limit] if limit else cleaned


def record(kind, *, request=None, username="", actor="", detail=""):
    """Store one event and also log it, so a log collector receives it too."""
    username = _printable(username, 150)
    event = SecurityEvent.objects.create(
        kind=kind,
        username=username,
        actor=_printable(actor, 150),
        ip_address=client_ip(request),
        detail=_printable(detail),
    )
    logger.info("security event %s user=%s ip=%s %s", kind, username, event.ip_address, detail)
    return event
