"""URL path to page, remembered per site generation (see ``sitememo.py``).

Wagtail finds the page for ``/regulations/syn-9997/`` by walking the tree from the site's
root: one query for each path component, one more for each ``.specific``, then two for
the view restrictions of the page and its ancestors. Here the walk is done once per path
and generation. Later requests for the path take the page from the worker's memory: a
section page (one with children) is always kept, other pages are kept up to
``ROUTE_PAGES_KEPT`` per worker, the most recently viewed (a surge reads a few pages
many times), and read with one query otherwise. Each request gets its own copy. A publish,
move, unpublish or new view restriction starts a new generation, so the walk is done
again and the pages are read afresh.

The answer is Wagtail's own: the walk takes the same steps as ``Page.route`` (a child by
its slug, routable pages first trying their own sub-URLs, any other page type with its
own ``route`` deciding for itself), and the page's own ``route`` still has the last word
(a page that is not live is still a 404). Only paths that found a page are remembered,
at most ``MAX_ROUTES`` per process."""

import copy
import threading

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from . import sitememo

MAX_ROUTES = 20000
_lock = threading.Lock()


def _walks_by_slug(page, remaining):
    """Whether Wagtail's routing of ``page`` looks ``remaining[0]`` up among its children
    (``Page.route``), rather than answering itself."""
    if isinstance(page, RoutablePageMixin):
        if not page.live:
            return True
        subpath = "/" + "/".join(remaining) + ("/" if remaining else "")
        try:
            page.resolve_subpage(subpath)
        except Http404:
            return True
        return False
    return type(page).route is Page.route


def _walk(root, request, components):
    """Wagtail's walk from ``root``; returns ``(route result, page, components used)``."""
    page, used = root, 0
    while used < len(components) and (page is root or _walks_by_slug(page, components[used:])):
        try:
            child = page.get_children().get(slug=components[used])
        except Page.DoesNotExist as error:
            raise Http404 from error
        child._cached_parent_obj = page
        page = child.specific
        used += 1
    return _route_from(page, root, request, components[used:]), page, used


def _route_from(page, root, request, remaining):
    """``page.route(...)``; the root's by Wagtail's own method (its class calls us)."""
    if page.pk == root.pk:
        return Page.route(page, request, remaining)
    return page.route(request, remaining)


def _by_id(model, page_id):
    """The page, or None if it was deleted. ``get()`` rather than ``first()``: no ORDER BY
    to compile, a quarter less CPU for the one query of most uncached page views."""
    try:
        return model.objects.get(pk=page_id)
    except model.DoesNotExist:
        return None


def _kept(page_id, read, request):
    """The shared page of ``page_id`` among the worker's ``ROUTE_PAGES_KEPT`` most
    recently viewed, else ``read()`` and kept (never handed to a request: callers copy)."""
    limit = getattr(settings, "ROUTE_PAGES_KEPT", 200)
    return sitememo.recently_used("route_pages", page_id, read, limit, request)


def _kept_page(content_type_id, page_id, request):
    """A copy of the page from the worker's memory of recently viewed pages, else read by
    its id and kept. None if it was deleted."""

    def read():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        return _by_id(model, page_id) if model is not None else None

    shared = _kept(page_id, read, request)
    return copy.copy(shared) if shared is not None else None


def _routes(request):
    return sitememo.remember("routes", dict, request)


def route(root, request, components):
    """``root.route(request, components)`` as Wagtail would answer it, for a site root
    page whose class calls this from its own ``route``."""
    routes = _routes(request)
    key = (root.pk, tuple(components))
    known = routes.get(key)
    if known is not None:
        page_id, content_type_id, used, shared = known
        if page_id == root.pk:
            page = root
        elif shared is not None:
            page = copy.copy(shared)
        else:
            page = _kept_page(content_type_id, page_id, request)
        if page is not None:
            result = _route_from(page, root, request, components[used:])
            _attach_restrictions(result[0], request)
            return result
    result, page, used = _walk(root, request, components)
    if len(routes) < MAX_ROUTES:
        # Section pages (with children: lists, indexes) are few and viewed often: kept
        # whole, each request gets its own copy. Others are kept among the recently
        # viewed pages (or read by their id once they have given way).
        shared = copy.copy(page) if page.numchild and page.pk != root.pk else None
        with _lock:
            routes[key] = (page.pk, page.content_type_id, used, shared)
        if shared is None and page.pk != root.pk:
            kept = copy.copy(page)
            _kept(page.pk, lambda: kept, request)
    _attach_restrictions(result[0], request)
    return result


def _restrictions(request):
    """Every view restriction with the tree path of its page; None when the site has
    alias pages (Wagtail checks an alias's source page instead: left to Wagtail)."""

    def load():
        if Page.objects.filter(alias_of__isnull=False).exists():
            return None
        restrictions = list(PageViewRestriction.objects.all())
        paths = dict(
            Page.objects.filter(id__in=[r.page_id for r in restrictions]).values_list("id", "path")
        )
        return [(paths[r.page_id], r) for r in restrictions if r.page_id in paths]

    return sitememo.remember("view_restrictions", load, request)


def _attach_restrictions(page, request):
    """Give the routed page the answer of ``get_view_restrictions()`` (the restrictions
    on it and its ancestors), which Wagtail's ``on_serve_page`` hook asks for."""
    known = _restrictions(request)
    if known is None or not isinstance(page, Page):
        return
    found = [restriction for path, restriction in known if page.path.startswith(path)]
    page.get_view_restrictions = lambda: found
