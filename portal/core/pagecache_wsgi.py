"""The page cache in front of Django itself: wraps the WSGI application (``portal/wsgi.py``)
and answers a cached public page before Django's request handling starts (no request
signals, no URL configuration, no middleware). Everything else — misses, conditional
requests (``If-None-Match``/``If-Modified-Since``, answered with a 304 by the middleware),
staff, other methods, anything unusual — goes to Django, where ``PageCacheMiddleware``
(first in ``MIDDLEWARE``) renders, stores and answers as before. The answer is the same
either way: the stored headers (security headers and CSP included, with a fresh nonce), the
validators, and gzip when the client accepts it."""

import logging
import time

from django.core.handlers.wsgi import WSGIRequest

from . import pagecache

logger = logging.getLogger(__name__)


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        found = self._hit(environ)
        if found is None:
            return self.application(environ, start_response)
        headers, body = found
        start_response("200 OK", headers)
        return [body]

    def _hit(self, environ):
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            return None
        try:
            request = WSGIRequest(environ)
            now = time.time()
            entry = pagecache.find_entry(request, now)
            if entry is None or entry["status"] != 200:
                return None
            pagecache.hit(request, entry)
            _etag, headers, body = pagecache.render_hit(request, entry, now)
        except Exception:
            # A disallowed host, a broken cache...: Django answers it (and logs what it must).
            logger.debug("page cache: no early answer", exc_info=True)
            return None
        return headers, b"" if request.method == "HEAD" else body
