"""Full-page cache for anonymous visitors, so the public portal survives a traffic surge.

What is cached: the 200 answers to anonymous GET requests for Wagtail pages and for other
public views decorated with :func:`public_page`, keyed by scheme, host, path, sorted query
string and the visitor's language (``django_language`` cookie, else ``Accept-Language``).
A cached answer is served again, with an ``ETag`` and ``Last-Modified`` and a 304 when the
browser already has it, without touching the database.

What is never cached: requests carrying a session or messages cookie (logged-in staff see
fresh pages marked ``private, no-cache``), POST and other methods, excluded path prefixes
(admin, APIs, documents, the language switch), answers other than 200, answers setting a
cookie or marked private/no-store by their view, and Wagtail pages whose class sets
``page_cache = False`` (or form pages).

Invalidation is global and immediate: every cached entry is keyed by a "site generation"
token; publishing, unpublishing, moving or deleting a page, or saving the alert banner,
site settings, snippets, images or documents replaces the token (see ``signals.py``), so
every page is rendered afresh on its next view. Each entry also expires at the next moment
an alert banner starts or ends (and at any moment another app registers with
:func:`register_next_change`), so the banner is never stale.

Settings: ``PAGE_CACHE_ENABLED``, ``PAGE_CACHE_SECONDS`` (server-side lifetime),
``PAGE_CACHE_MAX_AGE`` (browser lifetime), ``PAGE_CACHE_ALIAS`` (which Django cache),
``PAGE_CACHE_EXCLUDE`` (path prefixes)."""

import hashlib
import logging
import math
import time
import uuid
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string
from wagtail.contrib.forms.models import FormMixin

from . import compression
from .pagecache_entries import EntryMemory, render

GENERATION_KEY = "pagecache:generation"
# Part of every entry key: bump it when the stored entry's layout changes, so a deployment
# never reads entries written by the previous version.
ENTRY_FORMAT = 4
DEFAULT_EXCLUDE = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/documents/",
    "/lang/",
    "/static/",
    "/media/",
    "/_util/",
)
# Headers that belong to one exchange, not to the stored page.
_HOP_HEADERS = {
    "set-cookie",
    "date",
    "x-page-cache",
    "cache-control",
    "etag",
    "last-modified",
    "content-length",
}
_next_change_providers = []


def public_page(view):
    """Mark a public view (e.g. a filtered list) as cacheable for anonymous visitors.
    Only do this for views whose output depends on nothing but the URL and the language."""
    view.page_cache = True
    return view


def on_hit(response, func_path, *args):
    """Have the cache call ``func_path(*args)`` (a dotted path; picklable arguments) each
    time this answer is served to a GET from the cache, e.g. to count searches. The view
    itself runs only on a miss, so it does the same work there."""
    response.page_cache_on_hit = (func_path, args)
    return response


def browser_max_age(response, seconds):
    """Let browsers (and a front-end cache/CDN) keep this answer at most ``seconds`` (0: ask
    every time, and get a cheap 304 from this cache), for answers that must follow content
    changes at once or must reach the server on every view (an on-hit callback)."""
    response.page_cache_max_age = seconds
    return response


def _run_on_hit(callback):
    func_path, args = callback
    try:
        import_string(func_path)(*args)
    except Exception:  # a statistic must never break a cached page
        logging.getLogger(__name__).exception("page cache: on-hit callback %s failed", func_path)


def register_next_change(provider):
    """Register ``provider(at) -> datetime | None``: the next moment public pages change by
    themselves (a scheduled start or end). Cached pages expire no later than that."""
    if provider not in _next_change_providers:
        _next_change_providers.append(provider)
    return provider


_config = {}


def _setting(name, default):
    """Settings are read once per process (a hit must be cheap); tests that override them
    clear this memo through Django's ``setting_changed`` signal."""
    try:
        return _config[name]
    except KeyError:
        value = _config[name] = getattr(settings, name, default)
        return value


@receiver(setting_changed)
def _forget_settings(**kwargs):
    _config.clear()


def page_cache():
    # The file and Redis backends are thread-safe, so one instance serves every thread.
    try:
        return _config["backend"]
    except KeyError:
        backend = _config["backend"] = caches[_setting("PAGE_CACHE_ALIAS", "default")]
        return backend


def _read(key):
    """``cache.get`` that treats a value the backend cannot decode (a damaged file, a
    corrupted Redis value) as a miss and drops it: the page is rendered and stored again."""
    cache = page_cache()
    try:
        return cache.get(key)
    except Exception as error:
        logging.getLogger(__name__).warning("page cache: unreadable entry %s (%r)", key, error)
        try:
            cache.delete(key)
        except Exception:
            logging.getLogger(__name__).exception("page cache: cannot delete entry %s", key)
        return None


def current_generation():
    """The token every cached entry is keyed by. A missing token (first use, or evicted)
    is replaced by a new random one, so an old entry can never become current again."""
    cache = page_cache()
    if hasattr(cache, "get_hot"):  # the file cache: a stat() instead of a read
        token = cache.get_hot(GENERATION_KEY)
        if isinstance(token, str):
            return token
    token = _read(GENERATION_KEY)
    if not isinstance(token, str):
        page_cache().add(GENERATION_KEY, uuid.uuid4().hex, None)
        token = _read(GENERATION_KEY)
        if not isinstance(token, str):  # unreadable right after writing: overwrite it
            token = uuid.uuid4().hex
            page_cache().set(GENERATION_KEY, token, None)
    return token


def invalidate_all():
    """Make every cached page stale at once (they are rendered afresh on the next view)."""
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def clear_all():
    """Empty the page cache's whole Django cache, entries that cannot be read included,
    then start a new generation. Returns what was cleared, for the command's output."""
    cache = page_cache()
    alias = _setting("PAGE_CACHE_ALIAS", "default")
    try:
        cache.clear()
    finally:
        invalidate_all()
    return f"cache “{alias}”, {type(cache).__name__}"


def next_change(at=None):
    """The earliest scheduled change of public content after ``at``, or None (alert banners
    register theirs from ``CoreConfig.ready``)."""
    at = at or timezone.now()
    moments = [provider(at) for provider in _next_change_providers]
    moments = [m for m in moments if m is not None]
    return min(moments) if moments else None


def request_language(request):
    return translation.get_language_from_request(request, check_path=False)


MEMO_QUERY_CHARS = 512  # longer query strings are sorted afresh (bounds the memo's size)


def _sort_query(query):
    return urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


_sorted_query_memo = lru_cache(maxsize=2048)(_sort_query)


def sorted_query(query):
    """The query string with its parameters in order, so ``?a=1&b=2`` and ``?b=2&a=1`` are
    one entry. Remembered for short strings: a surge repeats a few searches and lists, and
    parsing and re-encoding them was a fifth of a search hit's time."""
    if len(query) > MEMO_QUERY_CHARS:
        return _sort_query(query)
    return _sorted_query_memo(query)


def cache_key(request, generation, language):
    query = request.META.get("QUERY_STRING", "")
    if query:
        query = sorted_query(query)
    raw = f"{request.scheme}|{request.get_host()}|{request.path}?{query}"
    digest = hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:{ENTRY_FORMAT}:{generation}:{language}:{digest}"


def _has_private_cookie(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _is_candidate(request):
    """Anonymous GET/HEAD outside the excluded prefixes: may be served from the cache."""
    if not _setting("PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD") or _has_private_cookie(request):
        return False
    return not request.path.startswith(tuple(_setting("PAGE_CACHE_EXCLUDE", DEFAULT_EXCLUDE)))


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not getattr(request, "_page_cache_ok", False) or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _answer(request, entry, now, state):
    """The Django response for a stored entry (a hit, or the miss that just stored it)."""
    gzipped = entry.get("gzip") is not None and compression.accepts_gzip(request)
    etag, headers, content = render(
        entry,
        gzipped,
        now,
        state,
        _setting("PAGE_CACHE_MAX_AGE", 60),
        bool(_setting("WAGTAILFRONTENDCACHE", None)),
    )
    response = HttpResponse(b"" if request.method == "HEAD" else content)
    response.status_code = entry["status"]
    # Straight into the header store: the stored values passed Django's header checks when
    # the page was rendered and ours are plain ASCII; checking ~15 headers again on every
    # hit cost a quarter of a hit's time.
    store = response.headers._store
    for name, value in headers:
        store[name.lower()] = (name, value)
    meta = request.META
    if "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta:
        return get_conditional_response(
            request, etag=etag, last_modified=int(entry["created"]), response=response
        )
    return response


def _memory():
    try:
        return _config["memory"]
    except KeyError:
        size = int(_setting("PAGE_CACHE_MEMORY_MB", 16) * 1024 * 1024)
        memory = _config["memory"] = EntryMemory(size) if size > 0 else None
        return memory


def _lookup(key, now):
    """The live entry under ``key``: this process's copy, else the shared cache's."""
    memory = _memory()
    entry = memory.get(key) if memory is not None else None
    if entry is not None and entry["expires_at"] > now:
        return entry
    entry = _read(key)
    if not isinstance(entry, dict) or entry.get("expires_at", 0) <= now:
        return None
    if memory is not None:
        memory.put(key, entry, entry.get("size", 0))
    return entry


def find_entry(request, now):
    """The live entry for an anonymous GET/HEAD, or None (a miss, or not cacheable)."""
    if not _is_candidate(request):
        return None
    return _lookup(cache_key(request, current_generation(), request_language(request)), now)


def hit(request, entry):
    """What every answer from ``entry`` does besides sending it: its on-hit callback."""
    if entry.get("on_hit") and request.method == "GET":
        _run_on_hit(entry["on_hit"])


def render_hit(request, entry, now):
    """``(etag, headers, body)`` of a hit (see ``pagecache_entries.render``)."""
    return render(
        entry,
        entry.get("gzip") is not None and compression.accepts_gzip(request),
        now,
        "hit",
        _setting("PAGE_CACHE_MAX_AGE", 60),
        bool(_setting("WAGTAILFRONTENDCACHE", None)),
    )


class PageCacheMiddleware:
    """Serves and stores public pages; see the module docstring. It comes first in
    ``MIDDLEWARE``: a hit is answered before any other middleware runs (the stored answer
    carries the security headers the stack gave it, with a fresh CSP nonce), and it
    compresses what it serves (see ``compression.py``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_candidate(request):
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and "Cache-Control" not in response:
                response["Cache-Control"] = "private, no-cache"
            return compression.compress_uncached(request, response)

        now = time.time()
        key = cache_key(request, current_generation(), request_language(request))
        entry = _lookup(key, now)
        if entry is not None:
            hit(request, entry)
            return _answer(request, entry, now, "hit")

        response = self.get_response(request)
        if not _storable(request, response):
            response["X-Page-Cache"] = "bypass"
            return compression.compress_uncached(request, response)
        return _answer(request, self._store(key, request, response, now), now, "miss")

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Lazy: wagtail.views loads the Page model from the finished app registry when
        # imported, and this module is imported while models load (models -> sitememo).
        from wagtail.views import serve

        if view_func is serve or getattr(view_func, "page_cache", False):
            request._page_cache_ok = True

    def _store(self, key, request, response, now):
        lifetime = _setting("PAGE_CACHE_SECONDS", 300)
        change = next_change()
        if change is not None:
            lifetime = min(lifetime, max(0.0, change.timestamp() - now))
        content = response.content
        # Set by django-csp only when the page used ``request.csp_nonce``.
        nonce = getattr(request, "_csp_nonce", None)
        nonce = nonce if isinstance(nonce, str) else None
        parts = content.split(f'nonce="{nonce}"'.encode()) if nonce else [content]
        pieces = None
        if compression.compressible(response):
            pieces = compression.gzip_pieces(parts, f'nonce="{nonce}"'.encode() if nonce else b"")
            patch_vary_headers(response, ("Accept-Encoding",))
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        digest = hashlib.sha1(content).hexdigest()
        entry = {
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in _HOP_HEADERS],
            "parts": parts,
            "gzip": pieces,
            "size": 2 * len(content),  # roughly: the page and its compressed copy
            # Answers differ only by their nonce: equivalent, hence a weak validator.
            "etag": f'W/"{digest}"' if nonce else f'"{digest}"',
            "nonce": nonce,
            "created": now,
            "last_modified": http_date(now),
            "expires_at": now + lifetime,
            "on_hit": getattr(response, "page_cache_on_hit", None),
            "max_age": getattr(response, "page_cache_max_age", None),
        }
        if lifetime >= 1:
            page_cache().set(key, entry, math.ceil(lifetime))
            memory = _memory()
            if memory is not None:
                memory.put(key, entry, entry["size"])
        return entry


def before_serve_page(page, request, serve_args, serve_kwargs):
    """Wagtail hook: pages may opt out with ``page_cache = False``; form pages always do."""
    if getattr(page, "page_cache", True) is False or isinstance(page, FormMixin):
        request._page_cache_ok = False
