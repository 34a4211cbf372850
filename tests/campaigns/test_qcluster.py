"""A real django-q2 cluster runs the campaigns schedule (`manage.py publish_scheduled`
every minute): a page approved for a later go-live goes live, an expired one goes offline.
The subprocesses share a file copy of the SQLite test database (or the PostgreSQL test
database itself)."""

import pytest

from tests.qcluster import run_shell, running_cluster, shared_database, subprocess_env, wait_for

pytestmark = [
    pytest.mark.qcluster,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SETUP = """
import datetime as dt
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule
from demo.home import _home
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


def test_cluster_publishes_and_expires_scheduled_campaign_pages(tmp_path):
    url, query = shared_database(tmp_path)
    env = subprocess_env(url, Q_WORKERS="1", PORTAL_VAR_DIR=str(tmp_path / "var"))
    run_shell(env, SETUP)

    def live(slug):
        rows = query(f"SELECT live FROM wagtailcore_page WHERE slug = '{slug}'")
        return bool(rows[0][0])

    assert not live("goes-live") and live("expires")
    log = tmp_path / "qcluster.log"
    with running_cluster(env, log):
        wait_for(
            lambda: live("goes-live") and not live("expires"),
            150,
            "the scheduled page to go live and the expiring one to go offline",
            interval=2,
            log=log,
        )
    assert query("SELECT expired FROM wagtailcore_page WHERE slug = 'expires'")[0][0]
