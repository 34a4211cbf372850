from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from . import baseurl
from .pagecache import public_page

# Paths that search engines have no business in: the admin, APIs, the language switch and
# per-visitor or filtered views.
ROBOTS_DISALLOW = ("/admin/", "/django-admin/", "/api/", "/campaigns-api/", "/lang/", "/search/")


@require_GET
def switch_language(request, code):
    """Switch the interface language with a plain link (no form, no CSRF token), so public
    pages stay identical for every visitor and can be cached."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@public_page
@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {baseurl.absolute('/sitemap.xml', request)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@public_page
@require_GET
def sitemap_xml(request):
    """Every live public page of the site (Wagtail leaves out login-restricted ones)."""
    return wagtail_sitemap(request)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico by themselves: point them at the site's icon instead
    of a 404 on every first visit."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def bad_request(request, exception=None):
    """400 in the visitor's language, inside the site's frame (Django's own is English)."""
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without a valid security token (an expired page, blocked cookies): say
    what to do in plain words; Django's default page tells visitors to set DEBUG=True."""
    return render(request, "403_csrf.html", status=403)
