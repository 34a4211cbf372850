import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
django_application = get_wsgi_application()

from portal.core.pagecache_wsgi import PageCacheApplication  # noqa: E402 (after setup)

# Cached public pages are answered before Django's request handling (pagecache_wsgi.py).
application = PageCacheApplication(django_application)
