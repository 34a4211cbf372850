"""Exact anonymous search statistics without a database write per search.

Every search (including one answered from a cache) is counted by :func:`record`, which only
adds to a tally in the memory of the process: ``(day, query) -> searches, searches with no
results, last result count``. The tally travels to :class:`~search.models.QueryLog` in two
steps:

1. **Spill** (:func:`spill`): at most ``SEARCH_STATS_SPILL_SECONDS`` (5) after the first
   uncounted search, a timer thread of the process merges its tally into one shared entry
   of the Django cache (``search:stats:pending``), under a lock shared by every process: an
   ``flock`` on a file beside a file cache (the default, one machine), else an atomic
   ``cache.add`` lock (Redis, database cache). The process also spills when it exits.
2. **Flush** (:func:`flush`): the django-q2 schedule "search: query statistics" (every
   minute), ``manage.py flush_search_stats`` and the statistics admin page take the shared
   entry and add it to QueryLog in one transaction.

With a cache that is not shared between processes (``locmem://``, or the dummy cache) the
queue cannot see the web workers' counts, so :func:`record` writes QueryLog directly, as
before (one UPDATE per search): exact, just not fast. ``SEARCH_STATS_SHARED_CACHE`` set
to True or False overrides that detection (tests use it).

Counts are exact as long as processes end normally; a process killed with SIGKILL loses
at most the last few seconds of its own counts."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import fcntl
import logging
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import QueryLog
from .segmenter import clean_query

logger = logging.getLogger("search")

PENDING_KEY = "search:stats:pending"
LOCK_KEY = "search:stats:lock"
LOCK_SECONDS = 30  # a lock left by a killed process expires after this
LOCK_WAIT_SECONDS = 5
QUERY_CHARS = QueryLog._meta.get_field("query").max_length

# (day ISO string, query) -> [searches, zero-result searches, last result count]
Tally = dict[tuple[str, str], list[int]]

_lock = threading.Lock()  # guards the tally and the timer
_spill_lock = threading.Lock()  # one spill at a time, so the exit spill waits for a running one
_tally: Tally = {}
_timer: threading.Timer | None = None


def spill_seconds() -> float:
    return float(getattr(settings, "SEARCH_STATS_SPILL_SECONDS", 5))


def shared_cache() -> bool:
    """Whether every process (web workers and the django-q2 cluster) sees the same cache."""
    configured = getattr(settings, "SEARCH_STATS_SHARED_CACHE", None)
    if configured is not None:
        return bool(configured)
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


_day = (0.0, 0.0, "", "")  # (local midnight, next local midnight, TIME_ZONE, ISO date)


def today(now: float | None = None) -> str:
    """Today's date in the site's time zone (Beijing), ISO. Remembered until the next
    local midnight: computing it was half the cost of counting a search. ``now``: a Unix
    time, for tests."""
    global _day
    now, zone = time.time() if now is None else now, settings.TIME_ZONE
    start, until, known_zone, day = _day
    if start <= now < until and zone == known_zone:
        return day
    local = timezone.localtime(dt.datetime.fromtimestamp(now, dt.UTC))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    next_midnight = midnight + dt.timedelta(days=1)
    _day = (midnight.timestamp(), next_midnight.timestamp(), zone, local.date().isoformat())
    return _day[3]


def record(text: str, total: int) -> None:
    """Count one search of ``text`` that found ``total`` results (no personal data)."""
    text = clean_query(text)[:QUERY_CHARS]
    if not text:
        return
    day = today()
    if not shared_cache():
        add_to_log({(day, text): [1, int(total == 0), total]})
        return
    global _timer
    with _lock:
        row = _tally.setdefault((day, text), [0, 0, 0])
        row[0] += 1
        row[1] += int(total == 0)
        row[2] = total
        if _timer is None:
            _timer = threading.Timer(spill_seconds(), _spill_from_timer)
            _timer.daemon = True
            _timer.start()


def _merge(into: Tally, rows: Tally) -> None:
    """Add ``rows`` to ``into``; the last result count of ``rows`` (newer) wins."""
    for key, (searches, zero, last) in rows.items():
        row = into.setdefault(key, [0, 0, 0])
        row[0] += searches
        row[1] += zero
        row[2] = last


def _take_tally() -> Tally:
    global _tally, _timer
    with _lock:
        taken, _tally = _tally, {}
        if _timer is not None:
            _timer.cancel()
            _timer = None
    return taken


def _give_back(rows: Tally) -> None:
    """Put counts that could not be handed on back into the tally (newer counts win)."""
    with _lock:
        newer = dict(_tally)
        _tally.clear()
        _merge(_tally, rows)
        _merge(_tally, newer)


@contextlib.contextmanager
def _shared_lock():
    """Mutual exclusion between every process using the cache: ``flock`` for a file cache
    (``add`` is not atomic there), an atomic ``add`` elsewhere. Raises TimeoutError."""
    if isinstance(caches["default"], FileBasedCache):
        path = Path(settings.CACHES["default"]["LOCATION"]) / "search-stats.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    token = uuid.uuid4().hex
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while not cache.add(LOCK_KEY, token, LOCK_SECONDS):
        if time.monotonic() > deadline:
            raise TimeoutError("search statistics lock is busy")
        time.sleep(0.01)
    try:
        yield
    finally:
        if cache.get(LOCK_KEY) == token:
            cache.delete(LOCK_KEY)


def spill() -> int:
    """Move this process's tally into the shared cache entry; returns the searches moved.
    On failure the counts stay in the tally for the next attempt."""
    with _spill_lock:
        rows = _take_tally()
        if not rows:
            return 0
        try:
            with _shared_lock():
                pending = cache.get(PENDING_KEY) or {}
                _merge(pending, rows)
                cache.set(PENDING_KEY, pending, None)
        except Exception:
            logger.exception("search statistics: could not spill %d queries; kept", len(rows))
            _give_back(rows)
            _restart_timer()
            return 0
        return sum(r[0] for r in rows.values())


def _restart_timer() -> None:
    global _timer
    with _lock:
        if _timer is None and _tally:
            _timer = threading.Timer(spill_seconds(), _spill_from_timer)
            _timer.daemon = True
            _timer.start()


def _spill_from_timer() -> None:
    global _timer
    with _lock:
        _timer = None
    spill()


def flush() -> dict[str, int]:
    """Add every spilled count to QueryLog (schedule, command, statistics page). Safe to
    run at any time and twice: counts are taken out of the cache before they are added."""
    spill()
    if not shared_cache():
        return {"queries": 0, "searches": 0}
    with _shared_lock():
        pending = cache.get(PENDING_KEY) or {}
        if pending:
            cache.delete(PENDING_KEY)
    if not pending:
        return {"queries": 0, "searches": 0}
    try:
        add_to_log(pending)
    except Exception:
        with _shared_lock():  # hand the counts back for the next flush
            newer = cache.get(PENDING_KEY) or {}
            _merge(pending, newer)
            cache.set(PENDING_KEY, pending, None)
        raise
    return {"queries": len(pending), "searches": sum(r[0] for r in pending.values())}


def add_to_log(rows: Tally) -> None:
    """Add counted searches to QueryLog in one transaction."""
    with transaction.atomic():
        for (day, text), (searches, zero, last) in sorted(rows.items()):
            updates = {
                "searches": F("searches") + searches,
                "zero_results": F("zero_results") + zero,
            }
            existing = QueryLog.objects.filter(query=text, day=day)
            if existing.update(last_total=last, **updates):
                continue
            try:
                with transaction.atomic():
                    QueryLog.objects.create(
                        query=text, day=day, searches=searches, zero_results=zero, last_total=last
                    )
            except IntegrityError:  # another process created it first
                existing.update(last_total=last, **updates)


def reset() -> None:
    """Forget this process's uncounted searches (tests)."""
    _take_tally()


@atexit.register
def _spill_at_exit() -> None:
    """A worker that ends normally (gunicorn's max_requests, a restart) hands on its
    counts; a spill already running in the timer thread is waited for."""
    with contextlib.suppress(Exception):
        spill()
