"""What a locked-out visitor sees, and the list of current lockouts for the security
administrator. Counting and locking are django-axes' work (settings AXES_*)."""

from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def lockout_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with the reason in Chinese, status 429 (too many requests).
    It names neither whether the account exists nor which of account or address is
    locked, so it tells an attacker nothing new."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": lockout_minutes(),
        "unlock_at": timezone.localtime() + settings.AXES_COOLOFF_TIME,
    }
    return render(request, "security/locked_out.html", context, status=429)


def locked_usernames_and_addresses(now=None):
    """Accounts and addresses whose failures in the window reach the limit (per account
    and per address, summed over the records django-axes keeps per pair)."""
    since = (now or timezone.now()) - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    users, addresses = {}, {}
    for attempt in recent:
        if attempt.username:
            users[attempt.username] = users.get(attempt.username, 0) + attempt.failures_since_start
        if attempt.ip_address:
            addresses[attempt.ip_address] = (
                addresses.get(attempt.ip_address, 0) + attempt.failures_since_start
            )
    limit = settings.AXES_FAILURE_LIMIT
    return (
        sorted(name for name, count in users.items() if count >= limit),
        sorted(ip for ip, count in addresses.items() if count >= limit),
    )
