"""The contract between content apps and the search engines.

``search/`` never imports a content app. Each app that makes something searchable has a
module ``<app>/searchables.py`` defining subclasses of :class:`SearchSource`; the search
app discovers them with :func:`discover_sources` (via ``autodiscover_modules``).

A source turns its model instances into :class:`SearchDocument` values; the engines index
those. ``audience`` keeps public and staff-only material apart: staff documents go to a
separate, access-controlled index and never appear in public results.
"""

from __future__ import annotations

import abc
import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.utils.module_loading import autodiscover_modules

PUBLIC = "public"
STAFF = "staff"

_registry: dict[str, type[SearchSource]] = {}


@dataclass
class SearchDocument:
    """One searchable item, the same for every engine."""

    key: str  # stable and unique: "<source name>:<pk>"
    source: str  # SearchSource.name
    type: str  # facet value, e.g. "regulation"
    type_label: str  # human label in the active language, e.g. "法规文件"
    title: str
    url: str
    body: str = ""  # plain text, including extracted attachment text
    summary: str = ""
    date: dt.date | None = None
    topic: str = ""
    issuer: str = ""
    status: str = ""
    audience: str = PUBLIC
    # For staff documents: jurisdiction path (e.g. "zz/jinshui") used to filter by user.
    jurisdiction: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


@dataclass(frozen=True)
class Dependency:
    """A source's documents also show fields of another model (a hazard shows its
    enterprise's name and is filed under its jurisdiction). When one of ``fields`` of a
    saved ``model`` instance changes (any save if ``fields`` is empty), the documents of
    ``source.model.objects.filter(**{lookup: instance})`` are re-indexed."""

    model: type[models.Model]
    lookup: str
    fields: tuple[str, ...] = ()


class SearchSource(abc.ABC):
    """Declare what a model contributes to search. Subclass in ``<app>/searchables.py``.

    Subclasses set ``name`` (unique, e.g. "knowledge.regulation"), ``model``, ``type`` and
    ``type_label`` and implement :meth:`queryset` (the items that should be indexed) and
    :meth:`to_document`. Registration happens when the subclass is defined."""

    name: str = ""
    model: type[models.Model] | None = None
    type: str = ""
    type_label: str = ""
    audience: str = PUBLIC
    dependencies: tuple[Dependency, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            _registry[cls.name] = cls

    @abc.abstractmethod
    def queryset(self) -> models.QuerySet:
        """Everything that should currently be in the index (e.g. live, public pages)."""

    @abc.abstractmethod
    def to_document(self, obj) -> SearchDocument:
        """The document for ``obj``, with its body as plain text."""

    def key_for(self, obj) -> str:
        return f"{self.name}:{obj.pk}"

    def dependent_keys(self, dependency: Dependency, instance) -> list[str]:
        """Keys of this source's documents that show ``instance`` (see :class:`Dependency`)."""
        rows = self.model._default_manager.filter(**{dependency.lookup: instance})
        return [f"{self.name}:{pk}" for pk in rows.values_list("pk", flat=True)]

    def should_index(self, obj) -> bool:
        """Whether ``obj`` belongs in the index now (default: it is in :meth:`queryset`)."""
        return self.queryset().filter(pk=obj.pk).exists()


def discover_sources() -> dict[str, SearchSource]:
    """Import every installed app's ``searchables`` module and return the sources by name."""
    autodiscover_modules("searchables")
    return {name: cls() for name, cls in _registry.items()}
