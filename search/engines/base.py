"""What every engine takes and returns, so the views never care which engine answered."""

from __future__ import annotations

import abc
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape as html_escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ..analysis import group_terms, groups_matched, term_groups
from ..segmenter import clean_query
from ..sources import PUBLIC, SearchDocument

# Facet name -> label. "type" values are shown with the document's type_label.
FACETS = {
    "type": _("Type"),
    "topic": _("Topic"),
    "issuer": _("Issuer"),
    "year": _("Year"),
    "status": _("Status"),
}
SORTS = ("relevance", "date")
RERANK_WINDOW = 300
SNIPPET_CHARS = 160
TEXT_CHARS = 20000  # plain text kept per document for snippets


class EngineUnavailable(Exception):
    """The engine cannot be reached or answered with an error."""


@dataclass
class SearchQuery:
    text: str
    audience: str = PUBLIC
    filters: dict[str, str] = field(default_factory=dict)
    # None: every jurisdiction. A list: only documents under one of these paths.
    jurisdictions: list[str] | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10

    def __post_init__(self):
        self.text = clean_query(self.text)
        # Term groups (a query word, or a synonym group); a group matches if any term does.
        self.groups = term_groups(self.text)
        self.terms = group_terms(self.groups)
        self.filters = {k: str(v) for k, v in self.filters.items() if k in FACETS and v}
        if self.sort not in SORTS:
            self.sort = "relevance"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    key: str
    title: str
    url: str
    type: str
    type_label: str
    date: dt.date | None
    score: float
    title_html: SafeString = mark_safe("")
    snippet: SafeString = mark_safe("")

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type,
            "type_label": self.type_label,
            "snippet": str(self.snippet),
            "date": self.date.isoformat() if self.date else None,
            "score": round(self.score, 4),
        }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    query: SearchQuery
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    engine: str = ""
    notice: str = ""
    # True when the facet counts are estimates (the embedded engine on SQLite, for very
    # many matches: search.engines.sqlite_fts.facet_counts); the total is always exact.
    facets_estimated: bool = False

    def as_json(self) -> dict:
        return {
            "total": self.total,
            "page": self.query.page,
            "per_page": self.query.per_page,
            "engine": self.engine,
            "notice": str(self.notice),
            "facets_estimated": self.facets_estimated,
            "results": [h.as_json() for h in self.hits],
            "facets": {
                name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
                for name, values in self.facets.items()
            },
        }


def _pattern(terms: list[str]):
    return _compiled(tuple(terms)) if terms else None


@lru_cache(maxsize=1024)
def _compiled(terms: tuple[str, ...]):
    """The alternation of ``terms``, longest first (each hit of a page highlights the same
    query's terms twice)."""
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(alternatives, re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` HTML-escaped (``html.escape``, as Django's ``escape``), with the query
    terms wrapped in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return mark_safe(html_escape(text))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(html_escape(text[last : m.start()]))
        out.append(f"<mark>{html_escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html_escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, terms: list[str], size: int = SNIPPET_CHARS) -> SafeString:
    """A window of ``text`` around the first query term, highlighted."""
    text = " ".join((text or "").split())
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - size // 4) if match else 0
    window = text[start : start + size]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + size < len(text) else ""
    return mark_safe(prefix + highlight(window, terms) + suffix)


def document_text(doc: SearchDocument) -> str:
    """The plain text kept for snippets: summary first, then the body."""
    parts = [doc.summary, doc.body]
    return " ".join(" ".join(p.split()) for p in parts if p)[:TEXT_CHARS]


def make_hit(row: dict, terms: list[str], score: float) -> Hit:
    """A :class:`Hit` from a stored row/source dict (same keys on both engines)."""
    date = row.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    return Hit(
        key=row["key"],
        title=row["title"],
        url=row["url"],
        type=row["type"],
        type_label=row.get("type_label") or row["type"],
        date=date,
        score=float(score),
        title_html=highlight(row["title"], terms),
        snippet=snippet(row.get("text") or "", terms),
    )


def coverage_score(query: SearchQuery, found: set[str]) -> float:
    """0–10 by the share of the query's term groups a document matches."""
    if not query.groups:
        return 0.0
    return 10.0 * groups_matched(query.groups, found) / len(query.groups)


def title_score(query: SearchQuery, title_seg: str) -> float:
    """0–3 by the share of the query's term groups found in the indexed title (its words,
    pinyin and characters, :func:`search.analysis.title_terms`): among documents that
    match the same groups, those *about* the query come first."""
    if not query.groups or not title_seg:
        return 0.0
    return 3.0 * groups_matched(query.groups, set(title_seg.split())) / len(query.groups)


QUESTION = re.compile(r"怎么|如何|怎样|什么|哪里|在哪|哪儿|吗|\?|？")
GUIDANCE = re.compile(r"怎么办|如何|怎样|须知|提示|提醒|常识|指南|注意|问题解答|什么")


def intent_bonus(query: SearchQuery, title: str) -> float:
    """A question (家里着火了怎么办) asks for guidance: titles that give it (常识, 提示,
    须知, 怎么办 …) come before reports and notices on the same subject."""
    if title and QUESTION.search(query.text) and GUIDANCE.search(title):
        return 2.0
    return 0.0


@lru_cache(maxsize=65536)
def _compact(title: str) -> str:
    """A title normalised like a query, without spaces (titles recur in every search)."""
    return "".join(clean_query(title).split()) if title else ""


def phrase_bonus(query: SearchQuery, title: str, needle: str | None = None) -> float:
    """Extra score when the whole query (spaces ignored: ``needle``) appears in the title."""
    if needle is None:
        needle = "".join(query.text.split())
    if len(needle) >= 2:
        haystack = _compact(title)
        if needle in haystack:
            return 5.0 if needle == haystack else 3.0
    return 0.0


class Bonus:
    """The re-ranking bonus of ``query`` for a document: (coverage + phrase) + (title +
    intent), added so by every engine (:mod:`.memory_index` adds the same parts in the
    same order on arrays). Documents share few sets of found terms and of title terms,
    so those parts are computed once per set; the parts read from the title are skipped
    when the query cannot earn them."""

    def __init__(self, query: SearchQuery):
        self.query = query
        self.needle = "".join(query.text.split())
        self.phrase = len(self.needle) >= 2
        self.question = bool(QUESTION.search(query.text))
        self._coverage: dict[frozenset, float] = {}
        self._in_title: dict[str, float] = {}

    def coverage(self, found: frozenset) -> float:
        """``found``: the query terms the document has."""
        score = self._coverage.get(found)
        if score is None:
            score = self._coverage[found] = coverage_score(self.query, found)
        return score

    def in_title(self, words: str) -> float:
        """``words``: the indexed title (or the query terms in it, all that
        :func:`title_score` compares)."""
        score = self._in_title.get(words)
        if score is None:
            score = self._in_title[words] = title_score(self.query, words)
        return score

    def phrase_part(self, title: str) -> float:
        return phrase_bonus(self.query, title, self.needle) if self.phrase else 0.0

    def intent_part(self, title: str) -> float:
        return intent_bonus(self.query, title) if self.question else 0.0

    def __call__(self, title: str, found: frozenset, in_title: str) -> float:
        coverage, phrase = self.coverage(found), self.phrase_part(title)
        return (coverage + phrase) + (self.in_title(in_title) + self.intent_part(title))


class SearchEngine(abc.ABC):
    """Interface of an engine. ``name`` is shown in the API and in logs."""

    name = ""

    @abc.abstractmethod
    def upsert(self, docs: list[SearchDocument]) -> None:
        """Add or replace these documents."""

    @abc.abstractmethod
    def delete(self, keys: list[str]) -> None:
        """Remove the documents with these keys (unknown keys are ignored)."""

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Answer a query."""

    @abc.abstractmethod
    def keys(self, audience: str) -> set[str]:
        """Every indexed key of one audience (for the consistency check)."""

    @abc.abstractmethod
    def rebuild(self, docs, progress=None) -> int:
        """Replace the whole index with ``docs`` (an iterable); returns the count."""
