"""Submission rate limiting without storing who submitted.

The client address is never written anywhere in clear: the cache key is an HMAC of the
address with the project's secret (a salted hash), and it expires after the window."""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

# How many quiz submissions one address may make per window, and the window in seconds.
QUIZ_LIMIT = getattr(settings, "CAMPAIGNS_QUIZ_RATE_LIMIT", 10)
QUIZ_WINDOW = getattr(settings, "CAMPAIGNS_QUIZ_RATE_WINDOW", 600)


def client_fingerprint(request) -> str:
    # Which request.META entry holds the client address (settings, from the environment):
    # behind a proxy e.g. HTTP_X_REAL_IP, which the proxy overwrites. Read per request so a
    # deployment (or a test) can change it without a restart of this module.
    meta = getattr(settings, "CAMPAIGNS_CLIENT_IP_META", "REMOTE_ADDR") or "REMOTE_ADDR"
    address = request.META.get(meta) or request.META.get("REMOTE_ADDR") or "unknown"
    address = address.split(",")[0].strip()
    return salted_hmac("campaigns.ratelimit", address).hexdigest()[:32]


def hit(request, scope: str, limit: int = QUIZ_LIMIT, window: int = QUIZ_WINDOW) -> bool:
    """Count one attempt; return True while the client is within ``limit`` per ``window``."""
    key = f"campaigns:rl:{scope}:{client_fingerprint(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
