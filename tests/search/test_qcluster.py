"""A real django-q2 cluster (`manage.py qcluster`, Q_SYNC=0) runs the every-minute
schedule that adds the searches counted in a shared file cache to QueryLog, exactly."""

import pytest

from tests.qcluster import run_shell, running_cluster, shared_database, subprocess_env, wait_for

pytestmark = [pytest.mark.qcluster, pytest.mark.django_db(transaction=True)]

# Two "web workers" count 500 searches each (1 in 5 without results) and exit.
SEARCHES = """
from search import stats
for i in range(500):
    stats.record("防汛" if i % 5 else "泥石流无结果", 0 if i % 5 == 0 else 9)
"""
SCHEDULE = """
from django.utils import timezone
from django_q.models import Schedule
from portal.core.scheduling import sync
sync()
Schedule.objects.exclude(name="search: query statistics").delete()
Schedule.objects.update(next_run=timezone.now())
"""


def test_cluster_flushes_counted_searches_on_schedule(tmp_path):
    url, query = shared_database(tmp_path)
    env = subprocess_env(
        url,
        DJANGO_SETTINGS_MODULE="tests.search.qcluster_settings",
        SEARCH_TEST_CACHE_DIR=str(tmp_path / "cache"),
        Q_WORKERS="1",
        Q_TIMEOUT="30",
        Q_RETRY="32",
    )
    run_shell(env, SEARCHES)
    run_shell(env, SEARCHES)
    run_shell(env, SCHEDULE)
    assert query("SELECT COUNT(*) FROM search_querylog") == [(0,)]

    log = tmp_path / "qcluster.log"
    with running_cluster(env, log):
        wait_for(
            lambda: query("SELECT COUNT(*) FROM search_querylog")[0][0] == 2,
            120,
            "the statistics flush",
            log=log,
        )
    rows = query("SELECT query, searches, zero_results, last_total FROM search_querylog")
    assert {r[0]: tuple(r[1:]) for r in rows} == {
        "防汛": (800, 0, 9),
        "泥石流无结果": (200, 200, 0),
    }
