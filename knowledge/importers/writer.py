"""Write validated rows as published pages, fast."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from ..models import (
    ArticleIndexPage,
    ArticlePage,
    PlanIndexPage,
    PlanPage,
    RegulationIndexPage,
    RegulationPage,
)
from ..treeops import ChildAppender

MODELS = {"regulation": RegulationPage, "plan": PlanPage, "article": ArticlePage}
INDEXES = {"regulation": RegulationIndexPage, "plan": PlanIndexPage, "article": ArticleIndexPage}
CHUNK = 500


def index_pages() -> dict:
    """The first index page of each section (imports go there)."""
    found = {}
    for kind, model in INDEXES.items():
        page = model.objects.order_by("path").first()
        if page is not None:
            found[kind] = page
    return found


def find_existing(keys) -> dict:
    """{key: (type, pk)} for keys already used by an imported page."""
    keys = list(dict.fromkeys(k for k in keys if k))
    found = {}
    for kind, model in MODELS.items():
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            for key, pk in model.objects.filter(import_key__in=chunk).values_list(
                "import_key", "pk"
            ):
                found[key] = (kind, pk)
    return found


@contextmanager
def bulk_indexing():
    """Index imported pages in bulk at the end instead of one by one on every save.

    Wagtail's search index and reference index are updated by ``post_save`` handlers, one
    page at a time; for thousands of pages that dominates the import. Inside this context
    those handlers are off for the imported page types (in this process only) and
    :meth:`Writer.finish` indexes everything in batches."""
    for model in MODELS.values():
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in MODELS.values():
            post_save.connect(post_save_signal_handler, sender=model)


def index_search(pages):
    """Add ``pages`` to Wagtail's search backends in batches."""
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, items in by_model.items():
            for start in range(0, len(items), CHUNK):
                backend.add_bulk(model, items[start : start + CHUNK])


class Writer:
    def __init__(self, indexes, existing):
        self.indexes = indexes
        self.existing = existing
        self.appenders = {}
        self.slugs = {}
        self.created = self.updated = 0
        self.plan_links = []  # (plan pk, parent key)
        self.now = timezone.now()
        self.base_ct = ContentType.objects.get_for_model(Page)
        self.pages_by_key = {}

    def _appender(self, kind):
        if kind not in self.appenders:
            parent = self.indexes[kind]
            self.appenders[kind] = ChildAppender(parent)
            self.slugs[kind] = set(parent.get_children().values_list("slug", flat=True))
        return self.appenders[kind]

    def _slug(self, kind, key):
        base = slugify(key.replace("/", "-").replace(":", "-").replace(".", "-"))[:70] or "item"
        slug, n = base, 2
        while slug in self.slugs[kind]:
            slug, n = f"{base}-{n}", n + 1
        self.slugs[kind].add(slug)
        return slug

    def _first_published(self, row):
        """When the document itself was published (its issue date, at 09:00 local time),
        so that an imported archive keeps its own dates in 最新发布 and the feeds instead
        of all appearing as published today; never later than now. None without a date."""
        day = row.values.get("issued_on") or row.values.get("published_on")
        if day is None:
            return None
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
        return min(moment, self.now)

    def write(self, row):
        model = MODELS[row.type]
        fields = dict(row.values, title=row.title, body=row.body)
        first_published = self._first_published(row)
        if row.type == "plan":
            fields.setdefault("parent_plan", None)
        found = self.existing.get(row.key)
        if found:
            page = model.objects.get(pk=found[1])
            for name, value in fields.items():
                setattr(page, name, value)
            page.draft_title = page.title
            page.live, page.has_unpublished_changes = True, False
            page.last_published_at = self.now
            if first_published is not None:
                page.first_published_at = first_published
            page.save(clean=False)
            self.updated += 1
        else:
            appender = self._appender(row.type)
            page = model(
                import_key=row.key,
                slug=self._slug(row.type, row.key),
                draft_title=row.title,
                live=True,
                has_unpublished_changes=False,
                first_published_at=first_published or self.now,
                last_published_at=self.now,
                **fields,
            )
            appender.place(page)
            page.save(clean=False)
            self.created += 1
        if row.parent_key:
            self.plan_links.append((page, row.parent_key))
        self.pages_by_key[row.key] = page
        self._publish(page)

    def _publish(self, page):
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=self.base_ct,
            content=page.serializable_data(),
            object_str=str(page),
        )
        type(page).objects.filter(pk=page.pk).update(
            live_revision=revision,
            latest_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        page.live_revision = page.latest_revision = revision
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        page_published.send(sender=type(page), instance=page, revision=revision)

    def finish(self):
        for appender in self.appenders.values():
            appender.finish()
        if self.plan_links:
            missing = [key for _page, key in self.plan_links if key not in self.pages_by_key]
            known = {k: pk for k, (_kind, pk) in find_existing(missing).items()}
            for page, key in self.plan_links:
                parent = self.pages_by_key.get(key)
                parent_id = parent.pk if parent else known.get(key)
                PlanPage.objects.filter(pk=page.pk).update(parent_plan_id=parent_id)
                page.parent_plan_id = parent_id
                ReferenceIndex.create_or_update_for_object(page)
        index_search(self.pages_by_key.values())
