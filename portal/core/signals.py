"""Keeps cached public pages fresh: every change that can show on a public page replaces
the page-cache generation (see ``pagecache.py``), and, when a front-end cache/CDN is
configured (``FRONTEND_CACHE_PURGE_URL``), asks it to purge the affected URLs.

Watched: every Wagtail page (publish, unpublish, move, delete, and saves), alert banners,
site settings, snippets, images, documents, sites, view restrictions, redirects, and any
model another app registers with :func:`watch`. The new generation is set at once and
again when the transaction commits, so a page rendered from data that was about to change
is never kept."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_q.tasks import async_task
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_pages_from_cache
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from . import pagecache
from .models import AlertBanner

logger = logging.getLogger(__name__)
_watched = set()
_watched_bases = ()


def watch(*models):
    """Invalidate all cached pages whenever an instance of these models is saved or
    deleted. Apps call this from their ``AppConfig.ready()`` for non-page models shown on
    public pages."""
    _watched.update(models)


def invalidate(site_wide_purge=False):
    """Replace the page-cache generation now and on commit; optionally purge the CDN.

    A transaction that saves thousands of pages (an import) registers one commit callback,
    not thousands: the callback is recorded against the connection's pending-callback list,
    which Django replaces on commit and on rollback."""
    pagecache.invalidate_all()
    if site_wide_purge and frontend_cache_enabled():
        transaction.on_commit(_purge_site_later)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if getattr(connection, "_pagecache_pending", None) is connection.run_on_commit:
        return
    transaction.on_commit(pagecache.invalidate_all)
    connection._pagecache_pending = connection.run_on_commit


def _purge_site_later():
    async_task("portal.core.signals.purge_site_from_frontend_cache")


def frontend_cache_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_site_from_frontend_cache():
    """Background task: ask the front-end cache to drop every live public page (after a
    change shown on every page, such as the alert banner or the footer settings)."""
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().specific().iterator(chunk_size=500))
    batch.purge()
    logger.info("Front-end cache: purged %d URLs", len(batch.urls))
    return len(batch.urls)


def _is_watched(instance):
    model = type(instance)
    if model in _watched or isinstance(instance, _watched_bases):
        return True
    return model in get_snippet_models()


def _site_wide(instance):
    return isinstance(instance, (AlertBanner, BaseSiteSetting, BaseGenericSetting))


def _on_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    if _is_watched(instance):
        invalidate(site_wide_purge=_site_wide(instance))


def _on_page_event(sender, instance, **kwargs):
    invalidate()


def _purge_page_parents(sender, instance, **kwargs):
    """Wagtail purges the published page itself; its parents list it, so purge them too."""
    if frontend_cache_enabled():
        purge_pages_from_cache(instance.get_ancestors().live().public().specific())


def connect():
    """Called from ``CoreConfig.ready()``."""
    global _watched_bases
    _watched_bases = (
        Page,
        AlertBanner,
        BaseSiteSetting,
        BaseGenericSetting,
        PageViewRestriction,
        Site,
        Redirect,
        Collection,
        get_image_model(),
        get_document_model(),
    )
    post_save.connect(_on_change, dispatch_uid="pagecache_post_save")
    post_delete.connect(_on_change, dispatch_uid="pagecache_post_delete")
    page_unpublished.connect(_on_page_event, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(_on_page_event, dispatch_uid="pagecache_moved")
    page_published.connect(_purge_page_parents, dispatch_uid="pagecache_purge_parents")
    page_unpublished.connect(_purge_page_parents, dispatch_uid="pagecache_purge_parents_un")
    hooks.register("before_serve_page", pagecache.before_serve_page)
    # Cached pages expire no later than the next banner start or end.
    pagecache.register_next_change(AlertBanner.objects.next_change)
