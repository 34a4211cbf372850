"""Send a message to admin users: an in-admin notification plus an e-mail copy.

    from notifications.notify import notify
    notify(users, "整改期限还有7天", body, url="/admin/...", key=f"deadline:{pk}:7")

``key`` identifies the event; a user gets at most one notification per key, enforced by a
unique constraint, so a daily scan that runs twice (or two workers racing) never delivers a
reminder twice. A notification whose e-mail failed is e-mailed again by the next call with
the same key; one already e-mailed is not.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)


def absolute_url(url: str) -> str:
    if not url or "://" in url:
        return url
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}{url}" if url.startswith("/") else url


def _email(notification: Notification) -> bool:
    """Claim the e-mail copy (only one process sends it), then send it."""
    user = notification.user
    if not user.email:
        return False
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now(), email_error=""
    )
    if not claimed:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        site = getattr(settings, "WAGTAIL_SITE_NAME", "")
        subject = f"[{site}] {notification.title}" if site else notification.title
        text = notification.body
        link = absolute_url(notification.url)
        if link:
            text = f"{text}\n\n{link}" if text else link
    try:
        send_mail(subject, text, None, [user.email], fail_silently=False)
    except Exception as exc:  # the gateway is down: keep the notification, retry later
        logger.warning("E-mail to %s failed: %s", user.email, exc)
        Notification.objects.filter(pk=notification.pk).update(
            emailed_at=None, email_error=str(exc)[:1000]
        )
        return False
    return True


def notify(users: Iterable, title, body="", url: str = "", key: str = "") -> list[Notification]:
    """Create one notification per user and e-mail it; returns the notifications created
    now (users who already had one with this ``key`` are skipped). Inactive users and
    duplicates in ``users`` are ignored."""
    created = []
    seen = set()
    title, body = str(title)[:200], str(body)
    key = (key or "")[:200]
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notification = None
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    user=user, title=title, body=body, url=url or "", key=key
                )
        except IntegrityError:
            if not key:
                raise
            existing = Notification.objects.filter(user=user, key=key).first()
            if existing and existing.emailed_at is None:
                _email(existing)  # a previous e-mail attempt failed: try once more
            continue
        created.append(notification)
        _email(notification)
    return created


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
