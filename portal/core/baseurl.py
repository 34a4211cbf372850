"""The site's public address (``PORTAL_BASE_URL``, e.g. ``https://yjglj.zhengzhou.gov.cn``).

Anything that leaves the site with an absolute link or a stable identifier uses it instead
of the Host header of the request at hand: feeds, iCalendar UIDs (a calendar app would
otherwise see every event twice when the site is reached under two names), API
``html_url`` (through the Wagtail Site, which ``setup_site`` aligns with it) and e-mails
(``WAGTAILADMIN_BASE_URL`` defaults to it). Without it, links follow the request as before."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def base_url() -> str:
    """``https://host[:port]`` without a trailing slash, or "" when not configured."""
    return str(getattr(settings, "PORTAL_BASE_URL", "") or "").rstrip("/")


def absolute(path: str, request=None) -> str:
    """``path`` (or a URL) as an absolute URL on the public address."""
    if path.startswith(("http://", "https://")):
        return path
    base = base_url()
    if base:
        return base + path
    if request is not None:
        return request.build_absolute_uri(path)
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "") + path


def host() -> str:
    """The public host name: from ``PORTAL_BASE_URL``, else the default Wagtail site's
    (never the request's, so identifiers built from it do not change with the Host)."""
    base = base_url()
    if base:
        return urlsplit(base).hostname or "localhost"
    site = Site.objects.filter(is_default_site=True).first()
    return site.hostname if site else "localhost"


def site_address() -> tuple[str, int] | None:
    """(hostname, port) for the Wagtail Site record, or None when not configured."""
    base = base_url()
    if not base:
        return None
    parts = urlsplit(base)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname, port
