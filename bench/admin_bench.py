"""The tracker's admin list pages for a supervisor, on the benchmark site of bench/run.sh
(5,000 synthetic enterprises): enterprises, hazards and ratings, first page, default
order, and again with a search. Each URL is requested ``BENCH_ADMIN_REQUESTS`` times (30)
one after the other in this process (Django test client, logged in as the demo's city
supervisor, production settings), after one warm-up request; it prints p50/p95 per page
and appends them to ``$BENCH_RESULTS`` for bench/report.py's goal table.

Run by bench/run.sh with the same environment as the servers; on its own:
``PORTAL_VAR_DIR=bench/var DJANGO_SETTINGS_MODULE=portal.settings.production
DJANGO_SECRET_KEY=... .venv/bin/python bench/admin_bench.py``."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
# The supervisor logs in without a second factor here: the benchmark measures the lists.
os.environ["PORTAL_2FA_REQUIRED"] = "0"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

PAGES = [
    ("enterprises", "accountability_enterprise:index", ""),
    ("enterprises, search", "accountability_enterprise:index", "?q=%E5%85%AC%E5%8F%B8"),
    ("hazards", "accountability_hazard:index", ""),
    ("ratings", "accountability_rating:index", ""),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    requests = int(os.environ.get("BENCH_ADMIN_REQUESTS", "30"))
    user = get_user_model().objects.get(username="city_supervisor")
    client = Client(HTTP_HOST=os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1").split(",")[0])
    client.force_login(user)
    results_file = os.environ.get("BENCH_RESULTS")
    from accountability.models import Enterprise

    print(f"  {Enterprise.objects.count()} enterprises; {requests} requests per page")
    for label, name, query in PAGES:
        url = reverse(name) + query
        first = client.get(url)
        if first.status_code != 200:
            print(f"  {label}: HTTP {first.status_code} at {url}")
            sys.exit(1)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        record = {
            "type": "admin",
            "page": label,
            "path": url,
            "requests": requests,
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
        }
        print(f"  {label:<22} p50 {record['p50_ms']:>7.1f} ms  p95 {record['p95_ms']:>7.1f} ms")
        if results_file:
            with open(results_file, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
