"""最新发布 on the home page: official publications by the date they were issued.

A content app takes part by naming, on its page model, the field that holds the
publication date: ``latest_date_field = "issued_on"``. Directory entries (shelters,
schools, communities) and plain pages name none and are never listed. The list does not
use ``first_published_at``: that is the day a page went online (for imported or demo
content, the day it was loaded), not the day the bureau issued the document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page


@dataclass(frozen=True)
class Publication:
    page: Page
    date: dt.date


def publication_models() -> list[type[Page]]:
    """Page models that declare a publication date, without subclasses of one another
    (a query on the parent model already returns its multi-table children)."""
    declared = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "latest_date_field", None)
    ]
    return [
        model
        for model in declared
        if not any(parent in declared for parent in model._meta.get_parent_list())
    ]


def latest_publications(root: Page, count: int, today: dt.date | None = None) -> list:
    """The ``count`` most recent publications below ``root`` up to ``today``, newest first.
    One query per publishing model, each limited to ``count`` rows, and one for the
    private sections."""
    today = today or timezone.localdate()
    # The private sections, read once for every model (``.public()`` reads them per call).
    private = Page.objects.all().private_q()
    found = []
    for model in publication_models():
        field = model.latest_date_field
        rows = (
            model.objects.live()
            .exclude(private)
            .descendant_of(root)
            .filter(**{f"{field}__lte": today})
            .order_by(f"-{field}", "-pk")[:count]
        )
        found += [Publication(page, getattr(page, field)) for page in rows]
    found.sort(key=lambda item: (item.date, item.page.pk), reverse=True)
    return found[:count]
