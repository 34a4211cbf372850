"""Site-wide data remembered by each worker process between requests, for as long as the
site does not change.

Every public page needs the same few things before its own content: the Wagtail site for
the request's host, the bureau's settings, the top-level pages of the menu and footer, the
alert banners. They only change when an editor saves something, and every such save
already replaces the page cache's "site generation" (``signals.py``: pages, settings,
snippets, alert banners, sites, view restrictions...). So the values here are kept under
that generation and dropped as soon as it changes, in every process at once: a publish
is visible on the next request, with the page cache on or off.

The generation is read once per request (a ``stat`` of one file with the file cache, one
GET with Redis) and must be read before the data it guards: a value computed from data
read after a save is then filed under the generation of that save, never under an older
one (saves replace the generation immediately and again when their transaction commits).

Values are shared by the threads of a process: callers hand out copies of model instances
whose attributes a request may change, and never mutate what they get from here."""

import copy
import threading
from collections import OrderedDict

from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site

from . import pagecache

# Hosts remembered per generation: ALLOWED_HOSTS bounds them in production; this bounds
# them when it allows any host.
MAX_HOSTS = 64
_lock = threading.Lock()
_current = (None, {})  # (generation, {name: value}), replaced as a whole


def generation(request=None):
    """The site generation, read once per request."""
    if request is not None:
        token = getattr(request, "_site_generation", None)
        if token is not None:
            return token
    token = pagecache.current_generation()
    if request is not None:
        request._site_generation = token
    return token


def _values(token):
    global _current
    known, values = _current
    if known == token:
        return values
    with _lock:
        if _current[0] != token:
            _current = (token, {})
        return _current[1]


def remember(name, compute, request=None):
    """``compute()``, once per generation and process; ``name`` must say everything the
    value depends on besides the site's content (a host, a date, a count...)."""
    values = _values(generation(request))
    try:
        return values[name]
    except KeyError:
        value = values[name] = compute()
        return value


def recently_used(name, key, compute, limit, request=None):
    """``compute()`` for ``key``, remembered per generation and process among the ``limit``
    most recently used keys of ``name`` (the least recently used give way). A None result
    and a ``limit`` of 0 or less are not remembered. Callers hand out copies of what they
    would let a request change."""
    if limit <= 0:
        return compute()
    kept = remember(name, OrderedDict, request)
    with _lock:
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
    value = compute()
    if value is not None:
        with _lock:
            kept[key] = value
            kept.move_to_end(key)
            while len(kept) > limit:
                kept.popitem(last=False)
    return value


def kept_html(name, parts, render, limit, request=None):
    """The HTML ``render()`` makes, kept per generation, language, host and ``parts`` among
    the ``limit`` most recently used of ``name``: for parts of public pages that show
    nothing else. A preview renders without keeping: it shows a draft, whose objects
    carry the live ones' ids (a campaign's edited activity, a list page's new address),
    and visitors must not see it."""
    if getattr(request, "is_preview", False):
        limit = 0
    host = request.get_host() if request is not None else ""
    return recently_used(name, (get_language(), host, *parts), render, limit, request)


def forget():
    """Drop everything (tests that change data behind the signals' back)."""
    global _current
    with _lock:
        _current = (None, {})


def _load_site(request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 (read once here, not on every request)
    return site


def _copy_site(site):
    """A copy of the remembered site and its root page (specific instance included) for
    one request: Wagtail and the router mark these objects with request data."""
    if site is None:
        return None
    site = copy.copy(site)
    root = site.root_page = copy.copy(site.root_page)
    root.specific = copy.copy(root.specific)
    return site


def site_for_request(request):
    """``Site.find_for_request`` from memory: the same answer (hostname and port first,
    else the default site), without the query. Only for a host Django accepts
    (``request.get_host()`` raises for others, as Django's middleware does anyway)."""
    cached = getattr(request, "_wagtail_site", False)
    if cached is not False:
        return cached
    request.get_host()  # DisallowedHost for a host outside ALLOWED_HOSTS
    key = ("site", request._get_raw_host(), request.get_port())
    values = _values(generation(request))
    if key not in values:
        if sum(1 for k in values if isinstance(k, tuple) and k[0] == "site") >= MAX_HOSTS:
            return Site.find_for_request(request)
        values[key] = _load_site(request)
    site = request._wagtail_site = _copy_site(values[key])
    return site


def site_root_paths(request):
    """Wagtail's list of site root paths (it reads it from the cache on each request)."""
    paths = remember("site_root_paths", Site.get_site_root_paths, request)
    request._wagtail_cached_site_root_paths = paths
    return paths


def prepare(request):
    """Give the request what Wagtail would otherwise query or read for it: its site and the
    site root paths used to build every page URL. (The bureau settings are read when a
    page asks for them: ``BureauSettings.for_request``, since the first read creates
    them.)"""
    site_for_request(request)
    site_root_paths(request)


def top_pages(request):
    """The live children of the site's root page (menu and footer candidates), each with
    its address on this site (``site_url``)."""
    site = site_for_request(request)
    if site is None:
        return []

    def load():
        pages = list(
            site.root_page.get_children()
            .live()
            .only("id", "title", "url_path", "path", "depth", "show_in_menus", "content_type")
        )
        for page in pages:  # the same for every request of this site
            page.site_url = page.get_url(request)
        return pages

    return remember(("top_pages", site.pk), load, request)


def private_q(request=None):
    """Wagtail's ``PageQuerySet.private_q()`` (pages under a view restriction) without
    its query of the restrictions on every call: ``qs.exclude(private_q())`` is
    ``qs.public()``."""

    def load():
        return list(PageViewRestriction.objects.values_list("page__path", "page__depth"))

    q = Q()
    for path, depth in remember("private_sections", load, request):
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def ancestors(page, request=None):
    """The ancestors of ``page`` below the tree's root, top first (breadcrumbs), shared
    by every page with the same parent."""
    parent_path = page.path[: -Page.steplen]
    return remember(("ancestors", parent_path), lambda: list(page.get_ancestors()[1:]), request)
