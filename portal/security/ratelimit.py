"""Per-address rate limiting for public forms, without storing who submitted.

The address (``audit.client_ip``, which honours PORTAL_CLIENT_IP_META behind a proxy) is
never written in clear: the cache key is a salted HMAC of it with the project's secret,
and it expires with the window."""

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from .audit import client_ip


def fingerprint(request) -> str:
    return salted_hmac("portal.security.ratelimit", client_ip(request) or "unknown").hexdigest()[
        :32
    ]


def hit(request, scope: str, limit: int, window: int) -> bool:
    """Count one attempt in ``scope``; True while the address is within ``limit`` attempts
    per ``window`` seconds (the window starts with the first attempt)."""
    key = f"portal:rl:{scope}:{fingerprint(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
