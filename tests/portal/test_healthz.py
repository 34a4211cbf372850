"""/healthz: database, cache, search engine and worker heartbeat as JSON, no secrets,
never cached, 503 only when the node cannot serve (database or cache down)."""

import datetime as dt
import os

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from portal.core import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    from django.core.cache import cache

    cache.clear()


def _beat(minutes_from_now):
    call_command("sync_schedules", verbosity=0)
    Schedule.objects.filter(func=health.HEARTBEAT_FUNC).update(
        next_run=timezone.now() + dt.timedelta(minutes=minutes_from_now)
    )


def test_all_checks_pass_with_a_live_worker(client):
    _beat(1)
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok", body
    assert set(body["checks"]) == {"database", "cache", "search", "worker"}
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert body["checks"]["search"] == {
        **body["checks"]["search"],
        "ok": True,
        "engine": "database",
    }


def test_a_silent_worker_degrades_without_taking_the_node_out(client):
    _beat(-10)  # the cluster has not moved the heartbeat for ten minutes
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and not body["checks"]["worker"]["ok"]
    assert body["checks"]["worker"]["late_seconds"] >= 590
    Schedule.objects.all().delete()
    response = client.get("/healthz")
    assert (
        response.status_code == 200
        and "sync_schedules" in response.json()["checks"]["worker"]["error"]
    )


def test_the_heartbeat_is_a_scheduled_job():
    from portal.core.schedules import SCHEDULES

    assert SCHEDULES[0]["func"] == health.HEARTBEAT_FUNC and health.heartbeat()


def test_opensearch_down_is_degraded_and_shows_no_address(client, settings):
    _beat(1)
    settings.SEARCH_ENGINE = "opensearch"
    settings.OPENSEARCH_URL = "http://elastic:s3cret-pass@127.0.0.1:9"
    settings.OPENSEARCH_TIMEOUT = 1
    response = client.get("/healthz")
    text = response.content.decode()
    assert response.status_code == 200 and response.json()["status"] == "degraded"
    assert response.json()["checks"]["search"]["ok"] is False
    assert "s3cret" not in text and "127.0.0.1" not in text and settings.SECRET_KEY not in text


@pytest.mark.skipif(not os.environ.get("OPENSEARCH_TEST_URL"), reason="needs OPENSEARCH_TEST_URL")
def test_opensearch_up(client, settings):
    _beat(1)
    settings.SEARCH_ENGINE = "opensearch"
    settings.OPENSEARCH_URL = os.environ["OPENSEARCH_TEST_URL"]
    body = client.get("/healthz").json()
    assert body["checks"]["search"]["ok"] is True and body["status"] == "ok"


def test_database_failure_is_503(client, monkeypatch):
    def broken():
        raise RuntimeError("could not connect to server: password=hunter2")

    monkeypatch.setitem(health.CHECKS, "database", (broken, True))
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "fail"
    assert response.json()["checks"]["database"] == {
        "ok": False, "error": "RuntimeError", "ms": response.json()["checks"]["database"]["ms"]
    }  # fmt: skip
    assert "hunter2" not in response.content.decode()


def test_never_cached(client):
    _beat(1)
    first = client.get("/healthz")
    assert "no-store" in first["Cache-Control"]
    _beat(-10)
    second = client.get("/healthz")
    assert second.json()["status"] == "degraded"  # not the cached "ok" of a moment ago
    assert second.get("X-Page-Cache") in (None, "bypass")
