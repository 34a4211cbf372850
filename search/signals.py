"""Signal receivers: content changes are queued as django-q2 tasks after the commit,
so an editor never waits for the index."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_q.tasks import async_task
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .indexing import sources_for

logger = logging.getLogger("search")


def queue(func: str, *args) -> None:
    def enqueue():
        try:
            async_task(func, *args, group="search")
        except Exception:  # the index repairs itself nightly; never break the save
            logger.exception("search: could not queue %s%r", func, args)

    transaction.on_commit(enqueue)


def _keys(instance) -> list[str]:
    return [s.key_for(instance) for s in sources_for(type(instance))]


def on_page_change(sender, instance, **kwargs):
    keys = _keys(instance.specific_deferred if type(instance) is Page else instance)
    if keys:
        queue("search.tasks.sync_keys", keys)


def on_page_move(sender, instance, **kwargs):
    queue("search.tasks.sync_subtree", instance.pk)


def on_save(sender, instance, **kwargs):
    if isinstance(instance, Page):
        return  # pages are indexed on publish, not on every draft save
    keys = _keys(instance)
    if keys:
        queue("search.tasks.sync_keys", keys)


def on_delete(sender, instance, **kwargs):
    keys = _keys(instance)
    if keys:
        queue("search.tasks.sync_keys", keys)


def connect() -> None:
    page_published.connect(on_page_change, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_change, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_move, dispatch_uid="search_page_moved")
    post_save.connect(on_save, dispatch_uid="search_post_save")
    post_delete.connect(on_delete, dispatch_uid="search_post_delete")
