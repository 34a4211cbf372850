"""``/healthz``: one JSON answer for monitoring (load balancers, Zabbix, Prometheus'
blackbox exporter). It checks the database, the cache, the search engine and the worker
cluster, and never shows a secret (no URL, no password, no error text from a driver that
might quote its connection string: only the exception's class name).

Status: ``ok`` when everything answers; ``degraded`` when the site still serves visitors
but something needs attention (OpenSearch down: searches fall back to the embedded index;
the workers silent: reports, reminders and scheduled publishing wait); ``fail`` with HTTP
503 when the database or the cache does not answer (take the node out of the pool).

The worker check reads the ``portal: worker heartbeat`` schedule (schedules.py), which the
cluster runs every minute: if the cluster is down, nothing moves its next run forward."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_q.models import Schedule

from search.engines import get_engine
from search.models import IndexEntry

HEARTBEAT_FUNC = "portal.core.health.heartbeat"
WORKER_GRACE_SECONDS = 180  # three missed beats


def heartbeat():
    """The every-minute task; its only effect is that it ran."""
    return timezone.now().isoformat()


def _timed(check):
    started = time.monotonic()
    try:
        result = check()
    except Exception as exc:  # a health check reports failures, it never raises
        result = {"ok": False, "error": type(exc).__name__}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    ok = cache.get(key) == value
    cache.delete(key)
    return {"ok": ok}


def check_search():
    engine = settings.SEARCH_ENGINE
    if engine == "opensearch":
        available = get_engine("opensearch").available()
        return {"ok": bool(available), "engine": engine, "fallback": "database"}
    IndexEntry.objects.exists()
    return {"ok": True, "engine": engine}


def check_worker():
    schedule = Schedule.objects.filter(func=HEARTBEAT_FUNC).first()
    if schedule is None:
        return {"ok": False, "error": "no heartbeat schedule (run manage.py sync_schedules)"}
    late = (timezone.now() - schedule.next_run).total_seconds()
    return {
        "ok": late < WORKER_GRACE_SECONDS,
        "next_run": schedule.next_run.isoformat(),
        "late_seconds": max(0, round(late)),
    }


CHECKS = {
    "database": (check_database, True),
    "cache": (check_cache, True),
    "search": (check_search, False),
    "worker": (check_worker, False),
}


def report() -> tuple[dict, int]:
    """(JSON body, HTTP status)."""
    checks = {name: _timed(check) for name, (check, _critical) in CHECKS.items()}
    if not checks["database"]["ok"]:
        checks["search"].setdefault("skipped", True)
    critical = [name for name, (_c, crit) in CHECKS.items() if crit and not checks[name]["ok"]]
    status = "fail" if critical else "ok" if all(c["ok"] for c in checks.values()) else "degraded"
    return {"status": status, "time": timezone.now().isoformat(), "checks": checks}, (
        503 if critical else 200
    )


@never_cache
@require_GET
def healthz(request):
    body, status = report()
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
