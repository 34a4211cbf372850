"""The embedded search index and the anonymous query statistics.

:class:`IndexEntry` is one row per searchable document (public or staff). Its segmented
columns are indexed for full-text search by the database itself: an FTS5 table kept in
step by triggers on SQLite, a generated ``tsvector`` column with a GIN index on PostgreSQL
(see migration 0002). The rows are written only by :mod:`search.services`."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .sources import PUBLIC, STAFF


class IndexEntry(models.Model):
    """A searchable document as the embedded engine stores it."""

    key = models.CharField(
        _("key"), max_length=200, unique=True, help_text=_("'<source>:<pk>', unique.")
    )
    source = models.CharField(
        _("source"), max_length=100, db_index=True, help_text=_("Name of the search source.")
    )
    type = models.CharField(_("type"), max_length=50, db_index=True, help_text=_("Facet value."))
    type_label = models.CharField(
        _("type label"), max_length=100, blank=True, help_text=_("Type as shown to readers.")
    )
    title = models.CharField(
        _("title"),
        max_length=500,
        help_text=_("Title of the indexed page or record, shown as the result heading."),
    )
    url = models.CharField(_("URL"), max_length=500, help_text=_("Where the result links to."))
    summary = models.TextField(_("summary"), blank=True, help_text=_("Short description."))
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Used for sorting."))
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, db_index=True, help_text=_("Year of the date (facet).")
    )
    topic = models.CharField(_("topic"), max_length=100, blank=True, help_text=_("Facet value."))
    issuer = models.CharField(_("issuer"), max_length=100, blank=True, help_text=_("Facet value."))
    status = models.CharField(_("status"), max_length=100, blank=True, help_text=_("Facet value."))
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=[(PUBLIC, _("public")), (STAFF, _("staff only"))],
        default=PUBLIC,
        db_index=True,
        help_text=_("Staff documents never appear in public search."),
    )
    jurisdiction = models.CharField(
        _("jurisdiction"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Path like 'zz/jinshui'; staff searches are limited to their prefixes."),
    )
    title_seg = models.TextField(_("segmented title"), blank=True, help_text=_("Indexed words."))
    body_seg = models.TextField(_("segmented body"), blank=True, help_text=_("Indexed words."))
    text = models.TextField(_("text"), blank=True, help_text=_("Plain text for snippets."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=_("Last indexed."))

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        permissions = [("search_staff", _("Can search staff-only documents"))]

    def __str__(self):
        return self.key


class QueryLog(models.Model):
    """How often a query text was searched on one day, and how often it found nothing.
    Only the normalised query text is kept: no user, IP address or session."""

    query = models.CharField(_("query"), max_length=100, help_text=_("Normalised query text."))
    day = models.DateField(_("day"), db_index=True, help_text=_("Day of the searches."))
    searches = models.PositiveIntegerField(
        _("searches"), default=0, help_text=_("Times searched that day.")
    )
    zero_results = models.PositiveIntegerField(
        _("searches with no results"), default=0, help_text=_("Times it found nothing.")
    )
    last_total = models.PositiveIntegerField(
        _("last result count"), default=0, help_text=_("Results found the last time.")
    )

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="search_query_day")]

    def __str__(self):
        return f"{self.query} ({self.day})"


class PendingSync(models.Model):
    """A change the OpenSearch index missed because it was unreachable. The embedded
    index already has it; the catch-up task replays it when OpenSearch answers again."""

    key = models.CharField(
        _("key"), max_length=200, unique=True, help_text=_("Document key to re-send.")
    )
    created_at = models.DateTimeField(
        _("queued"), auto_now_add=True, help_text=_("When the change was missed.")
    )

    class Meta:
        verbose_name = _("pending search update")
        verbose_name_plural = _("pending search updates")

    def __str__(self):
        return self.key


class Synonym(models.Model):
    """Words that mean the same to a searcher (山火 = 森林火灾). A query containing any of
    them also searches for the others; editors keep the list in the admin (snippets).
    Applied when searching, so a change takes effect at once, without re-indexing."""

    words = models.CharField(
        _("words"),
        max_length=300,
        unique=True,
        help_text=_("Two or more words or phrases with the same meaning, separated by = or ，."),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Why these words belong together.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active groups expand searches.")
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["words"]

    def __str__(self):
        return self.words

    @property
    def members(self) -> list[str]:
        return split_synonyms(self.words)

    def clean(self):
        if len(self.members) < 2:
            raise ValidationError(
                {"words": _("Enter at least two different words, separated by =.")}
            )
        self.words = " = ".join(self.members)


def split_synonyms(text: str) -> list[str]:
    """The distinct members of a synonym line: '山火 = 森林火灾，野火' → three words."""
    parts = re.split(r"\s*[=＝,，;；、\n]\s*", text or "")
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
