"""Signal receivers: content changes are queued as django-q2 tasks after the commit,
so an editor never waits for the index."""

from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django_q.tasks import async_task
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.core.signals import watch

from .indexing import sources, sources_for
from .models import Synonym

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


def _dependencies(model) -> list:
    return [
        (source, dep)
        for source in sources().values()
        for dep in source.dependencies
        if issubclass(model, dep.model)
    ]


def _watched(instance, deps) -> dict[str, object]:
    names = {instance._meta.get_field(f).attname for _s, dep in deps for f in dep.fields}
    return {n: getattr(instance, n) for n in sorted(names)}


def before_dependency_save(sender, instance, **kwargs):
    """Remember the watched fields' stored values, to tell after the save what changed."""
    deps = _dependencies(sender)
    if deps and instance.pk is not None:
        old = type(instance)._default_manager.filter(pk=instance.pk).first()
        instance._search_watched = _watched(old, deps) if old is not None else None


def on_dependency_save(sender, instance, created=False, **kwargs):
    """Re-index the documents that show this instance when a field they show changed
    (an enterprise moved to another district: its hazards' jurisdiction changed)."""
    deps = _dependencies(sender)
    if not deps or created:
        return
    old = getattr(instance, "_search_watched", None)
    new = _watched(instance, deps)
    keys = []
    for source, dep in deps:
        names = [instance._meta.get_field(f).attname for f in dep.fields]
        if not names or old is None or any(old.get(n) != new.get(n) for n in names):
            keys += source.dependent_keys(dep, instance)
    if keys:
        queue("search.tasks.sync_keys", sorted(set(keys)))


def on_delete(sender, instance, **kwargs):
    keys = _keys(instance)
    if keys:
        queue("search.tasks.sync_keys", keys)


def on_document_change(sender, instance, **kwargs):
    """A document replaced without republishing the pages that attach it still changes
    their searchable text (attachment text is part of a page's document): re-index every
    live page that refers to it, found through Wagtail's reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(i) for i in ids]).specific()
    keys = [key for page in pages for key in _keys(page)]
    if keys:
        queue("search.tasks.sync_keys", keys)


def connect() -> None:
    page_published.connect(on_page_change, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_change, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_move, dispatch_uid="search_page_moved")
    post_save.connect(on_save, dispatch_uid="search_post_save")
    post_delete.connect(on_delete, dispatch_uid="search_post_delete")
    pre_save.connect(before_dependency_save, dispatch_uid="search_dependency_pre_save")
    post_save.connect(on_dependency_save, dispatch_uid="search_dependency_post_save")
    post_save.connect(
        on_document_change, sender=get_document_model(), dispatch_uid="search_document_saved"
    )
    # Promoted results show on the (cached) search page, and synonyms change what a query
    # finds: a change makes cached searches stale (and renews search.analysis's groups).
    watch(Query, SearchPromotion, Synonym)
