"""Security headers Django 5.2 does not set by itself: Content-Security-Policy (through
django-csp, with a per-request nonce) and Permissions-Policy.

Public pages get ``script-src 'self' 'nonce-…'``: no inline script runs unless the template
marked it with ``nonce="{{ request.csp_nonce }}"``. The Wagtail and Django admins render
inline scripts of their own that carry no nonce (date pickers, inline panels, search
promotions), so under ``CSP_ADMIN_PREFIXES`` the script directive is ``'self'
'unsafe-inline'`` and no nonce is sent (a nonce would make browsers ignore
'unsafe-inline' and break those widgets). Everything else in the policy is the same there.

Cached public pages (``pagecache.py``) keep the header they were rendered with; the cache
gives every hit a fresh nonce in both the header and the page."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext

from . import sitememo
from .textclean import clean_text

ADMIN_SCRIPT_SRC = ("'self'", "'unsafe-inline'")


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(getattr(settings, "CSP_ADMIN_PREFIXES", ())))


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's script exception, plus Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if is_admin_path(request.path_info):
            parts.replace = {**(parts.replace or {}), "script-src": ADMIN_SCRIPT_SRC}
            parts.nonce = None
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


class QueryLengthMiddleware:
    """Refuse query strings with an absurdly long parameter (400, in Chinese) before any
    view sees them. No search box or filter needs more than ``MAX_QUERY_PARAM_CHARS``
    characters, and some backends fail on long patterns (SQLite: "LIKE or GLOB pattern
    too complex" past 50,000 bytes, a 500 on every admin list search)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "MAX_QUERY_PARAM_CHARS", 2000)
        if limit and len(request.META.get("QUERY_STRING", "")) > limit:
            too_long = any(len(v) > limit for _key, values in request.GET.lists() for v in values)
            if too_long:
                message = gettext("A search or filter value is longer than %(limit)d characters.")
                return HttpResponseBadRequest(
                    message % {"limit": limit}, content_type="text/plain; charset=utf-8"
                )
        query = request.META.get("QUERY_STRING", "").upper()
        if "%0" in query or "%1" in query or "%7F" in query:
            # Control characters (NUL above all: PostgreSQL refuses it in any text value)
            # are never part of a search or a filter: views see the values without them.
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(clean_text(key), [clean_text(v) for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class SiteMemoMiddleware:
    """Gives each request the site-wide data Wagtail would otherwise query or read from
    the cache for it (its site and the site root paths), from the worker's memory of the
    current site generation (``sitememo.py``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sitememo.prepare(request)
        return self.get_response(request)
