from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.api import api_router

urlpatterns = [
    # Two-factor pages first: they open before the admin does (portal/security).
    path("admin/2fa/", include("portal.security.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("portal.core.urls")),
    path("api/v2/", api_router.urls),
    path("", include("search.urls")),
    path("", include("campaigns.urls")),
    path("", include("accountability.urls")),
]

# Django's own admin is a second login form: off in production (PORTAL_DJANGO_ADMIN); where
# it is on, the same lockout, session limits and two-factor gate apply to it.
if settings.PORTAL_DJANGO_ADMIN:
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Only image renditions: documents (private evidence among them) go through Wagtail's
    # permission-checked serve view, never straight from MEDIA_ROOT.
    urlpatterns += static(
        settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images"
    )

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "portal.core.views.bad_request"
handler403 = "portal.core.views.permission_denied"
