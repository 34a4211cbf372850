"""A real django-q2 cluster runs the campaigns schedule (`manage.py publish_scheduled`
every minute): a page approved for a later go-live goes live, an expired one goes offline.
The subprocesses share a file copy of the SQLite test database (or the PostgreSQL test
database itself)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.qcluster,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SETUP = """
import datetime as dt
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule
from portal.home.demo import _home
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from campaigns.models import CampaignKind

home = _home()
index = CampaignIndexPageFactory(parent=home)
kind, _ = CampaignKind.objects.get_or_create(slug="safety-month", defaults={"name": "安全生产月"})
later = CampaignPageFactory.build(kind=kind, slug="goes-live", live=False)
index.add_child(instance=later)
later.go_live_at = timezone.now() + dt.timedelta(seconds=4)
later.save_revision().publish()
ending = CampaignPageFactory(parent=index, kind=kind, slug="expires")
ending.expire_at = timezone.now() + dt.timedelta(seconds=4)
ending.save_revision().publish()
call_command("sync_schedules")
Schedule.objects.filter(func="campaigns.tasks.publish_scheduled").update(
    next_run=timezone.now() + dt.timedelta(seconds=6)
)
"""


def _database(tmp_path):
    if connection.vendor == "sqlite":
        target = tmp_path / "cluster.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)

        def query(sql):
            with sqlite3.connect(target) as db:
                return db.execute(sql).fetchall()

        return f"sqlite:///{target}", query
    params = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{k: params.get(k) or "" for k in ("USER", "PASSWORD", "HOST", "PORT")},
        NAME=params["NAME"],
    )

    def query(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    return url, query


def test_cluster_publishes_and_expires_scheduled_campaign_pages(tmp_path):
    url, query = _database(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": url,
        "Q_SYNC": "0",
        "Q_WORKERS": "1",
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "shell", "-c", SETUP], env=env, check=True, timeout=120)

    def live(slug):
        rows = query(f"SELECT live FROM wagtailcore_page WHERE slug = '{slug}'")
        return bool(rows[0][0])

    assert not live("goes-live") and live("expires")
    log = (tmp_path / "qcluster.log").open("w")
    cluster = subprocess.Popen(
        [*manage, "qcluster"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and not (live("goes-live") and not live("expires")):
            time.sleep(2)
    finally:
        os.killpg(cluster.pid, signal.SIGTERM)
        try:
            cluster.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(cluster.pid, signal.SIGKILL)
        log.close()
    assert live("goes-live"), (tmp_path / "qcluster.log").read_text()[-2000:]
    assert not live("expires")
    assert query("SELECT expired FROM wagtailcore_page WHERE slug = 'expires'")[0][0]
