"""Public searches of the embedded engine on SQLite, answered from what each worker keeps
in memory until the index changes.

Why: a public search read the same things from SQLite every time (the facet columns of
every match, each match's term positions for BM25) and that was three quarters of an
uncached search page (about 10 ms of 13 for 防汛 at 10,000 documents). Each worker keeps:

- **The index's columns** (:class:`Snapshot`): for every entry its id, audience, date,
  title, facet values (as small integer codes) and length in tokens, each type's label,
  and FTS5's row count and token total. Read by the first search after a change: about
  130 ms at 15,000 entries (the bench site), 1.2–1.6 s at 100,000; 2.7 MB and 15.6 MB.
- **The postings of the terms searched lately** (:meth:`Snapshot.postings`): for a term,
  the entries that contain it, the term's BM25 share in each (computed from FTS5's own
  vocabulary, ``fts5vocab``, as FTS5's ``bm25`` computes it) and whether the title has it.
  Read the first time a term is searched (1.2 ms for 防汛 in 772 entries, 17 ms for 应急
  in 9,860); at most ``SEARCH_MEMORY_POSTINGS`` postings (1,000,000, 13 bytes each) per
  worker, the least recently searched terms go first.

A query is then arithmetic on arrays: a score is the sum of its terms' shares in the
query's order, as FTS5 adds them (the same numbers, bit for bit: tests compare both
paths); the total and the facets are counted over every match, exactly (the SQL path
estimates facets beyond 5,000 matches); the window of 300 is re-ranked with the same
bonuses (:class:`~.base.Bonus`), computed once per distinct set of terms. Measured costs:
``docs/search.md``.

**Never stale:** triggers write a new random token with every write to the entries
(migration 0008). Each search reads it (one row) and uses what is kept only under that
token; a new token means a new snapshot. What is read is checked against the token read
after it, so a write between two reads is never mixed into what is kept.

**When the SQL path answers instead:** staff searches (jurisdictions), PostgreSQL, a term
FTS5 would not read as one token (anything but lowercase letters, digits and Chinese
characters: its title check would differ from the SQL path's), a write during the
reading, or ``SEARCH_MEMORY_INDEX=0``."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connection

from ..sources import PUBLIC
from .base import FACETS, RERANK_WINDOW, Bonus
from .memory_arrays import Facet, Postings, entry_length, varints
from .sqlite_fts import FTS, K1, _idf

# One FTS5 (unicode61) token that is its own folded form: what the segmenter produces.
ONE_TOKEN = re.compile(r"[a-z0-9\u3400-\u4dbf\u4e00-\u9fff]+")
NO_DATE = -1  # sorts after every date, newest first
B = 0.75  # FTS5's bm25 constants (K1 in sqlite_fts), and the columns' weights in its SCORE
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
VOCAB = "search_indexentry_vocab"


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_MEMORY_INDEX", True))


def usable(query) -> bool:
    """Whether :func:`matches` may answer ``query`` (it may still decline)."""
    return (
        enabled()
        and connection.vendor == "sqlite"
        and query.audience == PUBLIC
        and query.jurisdictions is None
        and all(ONE_TOKEN.fullmatch(t) for t in query.terms)
    )


def _token(cur) -> str | None:
    try:
        cur.execute("SELECT token FROM search_indexversion WHERE id = 1")
    except DatabaseError:  # the table is missing: never answer from memory
        return None
    row = cur.fetchone()
    return row[0] if row else None


class Snapshot:
    """The index's columns under one token; the postings of recent terms (LRU)."""

    def __init__(self, token, rows: list[tuple], type_labels: dict, sizes: list, totals: list):
        self.token = token
        columns = list(zip(*rows, strict=True)) if rows else [()] * (5 + len(FACETS))
        ids, audience, dates, titles, *facets = columns
        self.ids = np.array(ids, dtype=np.int64)
        self.public = np.array(audience, dtype=str) == PUBLIC
        self.dates = np.array(dates, dtype=np.int64)
        self.titles = list(titles)
        self.facets = {name: Facet(facets[i]) for i, name in enumerate(FACETS)}
        self.type_labels = type_labels
        lengths = {pk: entry_length(sz) for pk, sz in sizes}
        self.lengths = np.array([lengths.get(pk, 0) for pk in ids], dtype=np.float64)
        self.rows = totals[0] if totals else 0
        self.avgdl = sum(totals[1:]) / self.rows if self.rows else 1.0
        self._postings: OrderedDict[str, Postings] = OrderedDict()
        self._kept = 0
        self._lock = threading.Lock()

    # --- postings ---------------------------------------------------------------------
    def postings(self, cur, terms: list[str]) -> list[Postings] | None:
        """Each term's postings, kept; those not kept yet read in one statement. None when
        the index changed while reading them."""
        with self._lock:
            found = {t: self._postings.get(t) for t in terms}
            for term, postings in found.items():
                if postings is not None:
                    self._postings.move_to_end(term)
        missing = [t for t, postings in found.items() if postings is None]
        if missing:
            read = self._read(cur, missing)
            if read is None:
                return None
            found.update(read)
            self._keep(read)
        return [found[t] for t in terms]

    def _read(self, cur, terms: list[str]) -> dict[str, Postings] | None:
        # Each occurrence of a term (entry, in the title or not), from FTS5's own index
        # (migration 0009), as one text of "entry × 2 + in the title" numbers: scoring
        # with bm25() cost five times as much, a row per occurrence 2.5 times.
        one = f"SELECT %s, group_concat(doc * 2 + (col = 'title_seg')) FROM {VOCAB} WHERE term = %s"
        try:
            cur.execute(" UNION ALL ".join([one] * len(terms)), [v for t in terms for v in (t, t)])
        except DatabaseError:  # no vocabulary table (migration 0009 not applied): SQL answers
            return None
        texts = dict(cur.fetchall())
        if _token(cur) != self.token:
            return None
        read = {}
        for term in terms:
            postings = self._postings_of(texts.get(term))
            if postings is None:
                return None
            read[term] = postings
        return read

    def _postings_of(self, text: str | None) -> Postings | None:
        occurrences = np.array(text.split(",") if text else [], dtype=np.int64)
        docs, which, counts = np.unique(occurrences >> 1, return_inverse=True, return_counts=True)
        positions = np.searchsorted(self.ids, docs)
        if len(docs) and (
            positions.max() >= len(self.ids) or not np.array_equal(self.ids[positions], docs)
        ):
            return None  # not this snapshot's content
        title_tf = np.bincount(which.reshape(-1), weights=occurrences & 1, minlength=len(docs))
        body_tf = counts - title_tf
        # FTS5's bm25 for this term, in its order of operations (fts5_aux.c): the very
        # number it adds for the term to a query's score.
        freq = title_tf * TITLE_WEIGHT + body_tf * BODY_WEIGHT
        norm = K1 * (1 - B + B * self.lengths[positions] / self.avgdl)
        shares = _idf(self.rows, len(docs)) * ((freq * (K1 + 1)) / (freq + norm))
        return Postings(positions.astype(np.int32), shares, title_tf > 0)

    def _keep(self, read: dict[str, Postings]) -> None:
        limit = max(0, int(getattr(settings, "SEARCH_MEMORY_POSTINGS", 1_000_000)))
        with self._lock:
            for term, postings in read.items():
                if term not in self._postings:
                    self._postings[term] = postings
                    self._kept += postings.size
            while self._kept > limit and len(self._postings) > 1:
                _term, gone = self._postings.popitem(last=False)
                self._kept -= gone.size

    # --- a query ----------------------------------------------------------------------
    def filter_mask(self, filters: dict[str, str]) -> np.ndarray | None:
        """Public entries passing the facet filters; None when a value is unknown."""
        mask = self.public.copy()
        for name, value in filters.items():
            if name == "year":
                value = str(int(value)) if value.isdigit() else "0"
            code = self.facets[name].code(value)
            if code is None:
                return None
            mask &= self.facets[name].codes == code
        return mask


_current: Snapshot | None = None
_load_lock = threading.Lock()


def _read_snapshot(cur, token: str) -> Snapshot | None:
    facets = ", ".join(
        "coalesce(CAST(e.year AS TEXT), '')" if name == "year" else f"coalesce(e.{name}, '')"
        for name in FACETS
    )
    cur.execute(
        "SELECT e.id, e.audience, coalesce(CAST(replace(e.date, '-', '') AS INTEGER), %s), "
        f"coalesce(e.title, ''), {facets} FROM search_indexentry e ORDER BY e.id",
        [NO_DATE],
    )
    rows = cur.fetchall()
    # The label of each type, as the SQL path shows it (max(type_label) of its matches).
    cur.execute(
        "SELECT type, max(type_label) FROM search_indexentry WHERE audience = %s "
        "AND type_label != '' GROUP BY type",
        [PUBLIC],
    )
    labels = dict(cur.fetchall())
    # What FTS5's bm25 reads besides the term: each entry's length in tokens, and the
    # index's row count and total tokens (its "averages" record).
    cur.execute(f"SELECT id, sz FROM {FTS}_docsize ORDER BY id")
    sizes = cur.fetchall()
    cur.execute(f"SELECT block FROM {FTS}_data WHERE id = 1")
    row = cur.fetchone()
    totals = varints(row[0]) if row and row[0] else []
    if _token(cur) != token:
        return None
    return Snapshot(token, rows, labels, sizes, totals)


def snapshot(cur) -> Snapshot | None:
    """What is kept for the index's current content; read first if it changed."""
    global _current
    token = _token(cur)
    if token is None:
        return None
    kept = _current
    if kept is not None and kept.token == token:
        return kept
    with _load_lock:
        kept = _current
        if kept is None or kept.token != token:
            kept = _read_snapshot(cur, token)
            if kept is not None:
                _current = kept
    return kept


def forget() -> None:
    """Drop what this process keeps (tests; nothing else needs it: tokens change)."""
    global _current
    _current = None


class Matches:
    """A public query's matches in one snapshot: total, facets and ranking, in memory."""

    def __init__(self, snap: Snapshot, terms: list[str], postings: list[Postings], mask):
        self.snap = snap
        self.terms = terms
        self.postings = postings
        if not postings or mask is None:
            self.selected = self.scores = np.zeros(0, dtype=np.int64)
            self.total = 0
            return
        positions = np.concatenate([p.positions for p in postings])
        shares = np.concatenate([p.shares for p in postings])
        n = len(snap.ids)
        # Summed term by term in the query's order, as FTS5 adds the phrases' shares.
        scores = np.bincount(positions, weights=shares, minlength=n)
        matched = np.zeros(n, dtype=bool)
        matched[positions] = True
        self.selected = np.flatnonzero(matched & mask)
        self.scores = scores[self.selected]
        self.total = len(self.selected)

    def facet_rows(self) -> list[tuple]:
        """(facet, value, label, count) per value, as the SQL path counts them."""
        rows = []
        for name, facet in self.snap.facets.items():
            counts = np.bincount(facet.codes[self.selected], minlength=len(facet.values))
            for code in np.flatnonzero(counts[1:]) + 1:
                value = facet.values[code]
                label = self.snap.type_labels.get(value) if name == "type" else None
                rows.append((name, value, label, int(counts[code])))
        return rows

    def _rows(self, order: np.ndarray) -> list[tuple[int, float]]:
        ids = self.snap.ids[self.selected[order]].tolist()
        return list(zip(ids, self.scores[order].tolist(), strict=True))

    def _best(self, limit: int) -> np.ndarray:
        """Indexes into the matches of the best ``limit`` by BM25, ties by id."""
        candidates = np.arange(self.total)
        if self.total > limit:
            cut = np.partition(self.scores, self.total - limit)[self.total - limit]
            candidates = np.flatnonzero(self.scores >= cut)
        scores = self.scores[candidates]
        return candidates[np.lexsort((candidates, -scores))][:limit]

    def by_date(self, limit: int) -> list[tuple[int, float]]:
        """The first ``limit`` newest first (undated last), ties by score then id."""
        dates = self.snap.dates[self.selected]
        order = np.lexsort((np.arange(self.total), -self.scores, -dates))[:limit]
        return self._rows(order)

    def reranked(self, query, limit: int) -> list[tuple[int, float]]:
        """The best ``limit`` by BM25, the first :data:`~.base.RERANK_WINDOW` of them
        re-ranked as ``DatabaseEngine._rerank`` does: score = (coverage + phrase) +
        (title + intent) + BM25 / the window's best BM25, each part from :class:`Bonus`,
        added in its order (the same numbers). The parts that depend on which terms an
        entry and its title have are computed once per distinct pair of term sets."""
        order = self._best(limit)
        head, tail = order[:RERANK_WINDOW], order[RERANK_WINDOW:]
        scores = self.scores[head]
        top = float(scores.max()) if len(head) else 0.0
        top = top or 1.0
        positions = self.selected[head]
        has_bits = np.zeros(len(head), dtype=np.int64)
        title_bits = np.zeros(len(head), dtype=np.int64)
        for bit, postings in enumerate(self.postings):
            present, in_title = postings.lookup(positions)
            has_bits |= present.astype(np.int64) << bit
            title_bits |= in_title.astype(np.int64) << bit
        bonus = Bonus(query)
        # One key per pair of term sets (at most 24 terms: 48 bits).
        pairs, which = np.unique(has_bits << len(self.terms) | title_bits, return_inverse=True)
        coverage, in_title = np.zeros(len(pairs)), np.zeros(len(pairs))
        mask = (1 << len(self.terms)) - 1
        for i, pair in enumerate(pairs.tolist()):
            coverage[i] = bonus.coverage(self._terms(pair >> len(self.terms), frozenset))
            in_title[i] = bonus.in_title(self._terms(pair & mask, " ".join))
        titles = [self.snap.titles[p] for p in positions.tolist()]
        phrase = np.array([bonus.phrase_part(t) for t in titles])
        intent = np.array([bonus.intent_part(t) for t in titles])
        total = (coverage[which] + phrase) + (in_title[which] + intent) + scores / top
        ids = self.snap.ids[positions]
        ranked = np.lexsort((ids, -total))
        rows = list(zip(ids[ranked].tolist(), total[ranked].tolist(), strict=True))
        tail_ids = self.snap.ids[self.selected[tail]].tolist()
        return rows + list(zip(tail_ids, (self.scores[tail] / top).tolist(), strict=True))

    def _terms(self, bits: int, join):
        return join(t for i, t in enumerate(self.terms) if bits >> i & 1)


def matches(query) -> Matches | None:
    """The query's matches from memory; None when the SQL path must answer (see the
    module's docstring). Call only when :func:`usable`."""
    with connection.cursor() as cur:
        snap = snapshot(cur)
        if snap is None:
            return None
        mask = snap.filter_mask(query.filters)
        every = snap.postings(cur, query.terms)
        if every is None:
            return None
    terms = [t for t, p in zip(query.terms, every, strict=True) if p.size]
    postings = [p for p in every if p.size]
    return Matches(snap, terms, postings, mask)
