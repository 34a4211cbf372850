"""Session limits (idle and absolute) and the two-factor gate in front of the admin."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import audit, twofactor
from .models import EventKind
from .signals import AUTH_AT, LAST_SEEN, current_request

# Requests a page makes by itself (Wagtail's editing-session ping every few seconds) are
# not the user's activity: counting them would keep an abandoned editor logged in.
PASSIVE_PATHS = ("/admin/editing-sessions/",)
# How often the last-activity time is written to the session (not on every request).
TOUCH_EVERY_SECONDS = 30


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class SessionTimeoutMiddleware:
    """Ends a logged-in session after PORTAL_SESSION_IDLE_MINUTES without activity, and
    PORTAL_SESSION_MAX_HOURS after login whatever the activity. Anonymous visitors (no
    session cookie) cost nothing here, so cached public pages stay cheap."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            if _has_session(request):
                self.enforce(request)
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def enforce(self, request):
        if not request.user.is_authenticated:
            return
        session = request.session
        now = int(time.time())
        auth_at = session.get(AUTH_AT)
        last_seen = session.get(LAST_SEEN)
        if auth_at is None or last_seen is None:
            # Sessions from before this middleware (or force_login in tests).
            session[AUTH_AT] = session.get(AUTH_AT, now)
            session[LAST_SEEN] = now
            return
        if now - auth_at > settings.PORTAL_SESSION_MAX_HOURS * 3600:
            self.end(
                request,
                EventKind.SESSION_EXPIRED,
                _("Your session reached its limit of %(hours)d hours. Please log in again.")
                % {"hours": settings.PORTAL_SESSION_MAX_HOURS},
            )
        elif now - last_seen > settings.PORTAL_SESSION_IDLE_MINUTES * 60:
            self.end(
                request,
                EventKind.SESSION_IDLE,
                _(
                    "You were logged out after %(minutes)d minutes without activity. Please log in again."
                )
                % {"minutes": settings.PORTAL_SESSION_IDLE_MINUTES},
            )
        elif now - last_seen >= TOUCH_EVERY_SECONDS and not request.path.startswith(PASSIVE_PATHS):
            session[LAST_SEEN] = now

    def end(self, request, kind, message):
        username = request.user.get_username()
        request.security_logout_recorded = True
        logout(request)
        audit.record(kind, request=request, username=username)
        # The request goes on as anonymous: the admin answers with its login page.
        messages.warning(request, message)


class TwoFactorMiddleware:
    """A session that has passed the password but not the code reaches only the code and
    enrolment pages: the admin redirects there, everything else sees an anonymous visitor."""

    # The icon sprite is fetched by every admin page, the login and code pages included.
    ALWAYS_OPEN = (
        "/admin/2fa/",
        "/admin/login/",
        "/admin/logout/",
        "/admin/jsi18n/",
        "/admin/sprite/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_session(request):
            response = self.gate(request)
            if response is not None:
                return response
        return self.get_response(request)

    def gate(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not twofactor.needs_code(user):
            return None
        path = request.path
        if path.startswith(self.ALWAYS_OPEN):
            return None
        if path.startswith(("/admin/", "/django-admin/")):
            target = "security_2fa_verify" if twofactor.is_enrolled(user) else "security_2fa_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        request.user = AnonymousUser()

        async def anonymous():
            return request.user

        request.auser = anonymous
        return None
