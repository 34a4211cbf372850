"""Query statistics counted in the cache and flushed into QueryLog: exact for searches
answered by the engine, the result cache and the page cache, across threads and
processes, by the django-q2 task, the command and the statistics page."""

import datetime as dt
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django_q.tasks import async_task

from search import stats
from search.engines import embedded
from search.factories import SearchDocumentFactory as Doc
from search.models import QueryLog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clean_tally(db):
    from wagtail.models import Site

    from portal.core.models import BureauSettings

    BureauSettings.for_site(Site.objects.get(is_default_site=True))  # see test_cache.py
    stats.reset()
    yield
    stats.reset()


@pytest.fixture
def shared(settings):
    settings.SEARCH_STATS_SHARED_CACHE = True
    settings.SEARCH_STATS_SPILL_SECONDS = 3600


@pytest.fixture
def docs(db):
    embedded().upsert([Doc(key=f"s:{i}", title=f"防汛通知{i}", body="防汛") for i in range(12)])


def rows():
    return {r.query: (r.searches, r.zero_results, r.last_total) for r in QueryLog.objects.all()}


def test_every_search_counted_once_flushed_exactly(client, docs, shared):
    for _ in range(5):  # one miss, then page-cache hits
        client.get("/search/", {"q": "防汛"})
    etag = client.get("/search/", {"q": "防汛"})["ETag"]  # the browser's copy is current:
    client.get("/search/", {"q": "防汛"}, HTTP_IF_NONE_MATCH=etag)  # a 304, still a search
    for _ in range(3):  # result-cache hits
        client.get("/api/search/", {"q": "防汛"})
    client.get("/search/", {"q": "防汛", "page": "2"})  # not a new search
    client.get("/api/search/", {"q": "防汛", "page": "2"})
    client.get("/search/", {"q": "台风"})
    client.get("/search/", {"q": "台风"})
    client.get("/api/search/", {"q": "ＴＡＩＦＥＮＧ"})
    client.get("/api/search/", {"q": "防汛", "page": "abc"})  # rejected: not counted
    assert rows() == {}  # nothing written per request

    async_task("search.tasks.flush_query_stats")  # run inline by the test settings
    assert rows() == {
        "防汛": (10, 0, 12),
        "台风": (2, 2, 0),
        "taifeng": (1, 1, 0),
    }
    assert stats.flush() == {"queries": 0, "searches": 0}  # flushing twice adds nothing
    client.get("/search/", {"q": "防汛"})
    out = io.StringIO()
    call_command("flush_search_stats", stdout=out)
    assert "Flushed 1 searches of 1 queries" in out.getvalue()
    assert rows()["防汛"] == (11, 0, 12)


def test_spilled_by_a_timer_without_more_traffic(shared, settings):
    settings.SEARCH_STATS_SPILL_SECONDS = 0.05
    stats.record("地震", 3)
    stats.record("地震", 0)
    deadline = time.monotonic() + 5
    while cache.get(stats.PENDING_KEY) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    (key, counts), *_ = cache.get(stats.PENDING_KEY).items()
    assert key[1] == "地震" and counts == [2, 1, 0]
    assert stats.flush()["searches"] == 2 and rows() == {"地震": (2, 1, 0)}


def test_failed_flush_keeps_the_counts(shared, monkeypatch):
    stats.record("暴雨", 4)
    real = stats.add_to_log

    def broken(rows):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(stats, "add_to_log", broken)
    with pytest.raises(RuntimeError):
        stats.flush()
    stats.record("暴雨", 4)
    monkeypatch.setattr(stats, "add_to_log", real)
    stats.flush()
    assert rows() == {"暴雨": (2, 0, 4)}


def test_statistics_page_flushes_first(client, docs, shared, admin_user):
    client.get("/search/", {"q": "防汛"})
    client.force_login(admin_user)
    html = client.get(reverse("search_statistics"), {"days": "7"}).content.decode()
    assert "防汛" in html and rows()["防汛"][0] == 1


def test_unshared_cache_writes_directly(client, docs, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SEARCH_STATS_SHARED_CACHE = None  # detected: a per-process cache is not shared
    assert not stats.shared_cache()  # the test settings use a local-memory cache
    client.get("/search/", {"q": "防汛"})
    client.get("/search/", {"q": "防汛"})
    assert rows() == {"防汛": (2, 0, 12)}
    out = io.StringIO()
    call_command("flush_search_stats", stdout=out)
    assert "directly" in out.getvalue()


def test_schedule_flushes_every_minute(db):
    from django_q.models import Schedule

    call_command("sync_schedules", stdout=io.StringIO())
    schedule = Schedule.objects.get(name="search: query statistics")
    assert schedule.func == "search.tasks.flush_query_stats"
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 1


WORKER = """
import os, sys, threading
import django
from django.conf import settings
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                               "LOCATION": sys.argv[1]}}
settings.SEARCH_STATS_SPILL_SECONDS = 0.005
django.setup()
from search import stats

def run(n):
    for i in range(n):
        stats.record("防汛" if i % 4 else "无结果查询", 0 if i % 4 == 0 else 7)

threads = [threading.Thread(target=run, args=(300,)) for _ in range(3)]
for t in threads: t.start()
for t in threads: t.join()
"""  # the remaining tally is spilled when the process exits


def test_processes_sharing_a_file_cache_count_exactly(tmp_path, settings):
    """Four processes of three threads each count 3,600 searches into one file cache,
    spilling every few milliseconds under the file lock; one flush adds them all."""
    location = str(tmp_path / "cache")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PORTAL_VAR_DIR": str(tmp_path)}
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, location], cwd=ROOT, env=env)
        for _ in range(4)
    ]
    assert [w.wait(timeout=120) for w in workers] == [0, 0, 0, 0]
    settings.CACHES = {**django_settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": location,
    }}  # fmt: skip
    settings.SEARCH_STATS_SHARED_CACHE = None  # detected: a file cache is shared
    assert stats.shared_cache()
    assert stats.flush() == {"queries": 2, "searches": 3600}
    assert rows() == {"防汛": (2700, 0, 7), "无结果查询": (900, 900, 0)}


def test_searches_are_counted_on_the_beijing_day_across_midnight(settings):
    """The day is remembered until the next midnight in Beijing, not for a fixed time:
    a search a second after midnight counts on the new day, and a changed time zone is
    taken into account at once."""
    settings.TIME_ZONE = "Asia/Shanghai"
    before_midnight = dt.datetime(2026, 5, 11, 23, 59, 59, tzinfo=ZoneInfo("Asia/Shanghai"))
    ts = before_midnight.timestamp()
    assert stats.today(ts) == "2026-05-11"
    assert stats.today(ts + 0.5) == "2026-05-11"
    assert stats.today(ts + 2) == "2026-05-12"
    assert stats.today(ts) == "2026-05-11"  # a clock set back (or a test) is not misdated
    assert stats.today() == dt.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    settings.TIME_ZONE = "UTC"
    assert stats.today(ts + 2) == "2026-05-11"  # 16:00 in UTC
