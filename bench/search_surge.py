"""Benchmark: the public search under a surge of anonymous visitors, and exact statistics.

    .venv/bin/python bench/search_surge.py [--code DIR] [--caches file,redis]
        [--duration 15] [--connections 50] [--label NAME]

Serves the site that ``bench/run.sh`` built in ``bench/var`` (10,000 documents; run
``make bench`` or ``BENCH_QUICK=1 make bench`` once first) with the production settings
under gunicorn, and loads with ``wrk`` (50 connections, 15 s after a 3 s warm-up):

- ``search``: the search page for one query (防汛), ``search_api``: the JSON API for it,
  ``suggest``: the suggestion API;
- ``search_mix`` and ``search_api_mix``: 30 different queries in rotation (the queries of
  ``bench/search_bench.py``), the first round of them unanswered by any cache.

Then the exactness check: 2,000 searches (page and API, 10 queries, 1 in 5 without
results) from 20 threads, the server stopped (workers hand on their counts when they
exit), ``manage.py flush_search_stats``, and the QueryLog totals compared with what was
sent. ``--code`` serves another checkout (e.g. a ``git worktree`` of an older commit) on
the same site, for before/after figures. Results: printed, and appended as JSON lines to
``bench/results/search_surge.jsonl``.
"""

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "bench" / "var"
RESULTS = ROOT / "bench" / "results" / "search_surge.jsonl"
PY = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(ROOT / "bench"))
from search_bench import QUERIES  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8741"))
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6393"))
BASE = f"http://127.0.0.1:{PORT}"
CHECK_QUERIES = ["防汛", "地震应急预案", "避难场所", "安全生产月", "危险化学品泄漏",
                 "森林火灾", "应急物资储备", "燃气泄漏", "zzqx无此词", "台风登陆无结果"]  # fmt: skip
CHECK_THREADS, CHECK_PER_THREAD = 20, 100


def _path(prefix, **params):
    return prefix + "?" + urlencode(params, quote_via=quote)


KINDS = {
    "search": [_path("/search/", q="防汛")],
    "search_api": [_path("/api/search/", q="防汛")],
    "suggest": [_path("/api/search/suggest/", q="应急")],
    "search_mix": [_path("/search/", q=q) for q in QUERIES],
    "search_api_mix": [_path("/api/search/", q=q) for q in QUERIES],
}


def environment(cache_url):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        PORTAL_VAR_DIR=str(VAR),
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_ACCESS_LOG="",
        LOG_LEVEL="WARNING",
        CACHE_URL=cache_url,
        SEARCH_ENGINE="database",
    )
    return env


def start_server(code, env, log):
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", str(code / "portal/gunicorn.conf.py"),
         "--chdir", str(code), "portal.wsgi:application"],
        cwd=code, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(240):
        try:
            urllib.request.urlopen(BASE + "/search/", timeout=5).read()
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    sys.exit(f"gunicorn did not start; see {log.name}")


def stop_server(server):
    server.send_signal(signal.SIGTERM)  # graceful: workers finish and run their exit hooks
    server.wait(timeout=60)


def wrk(paths, connections, seconds):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
            "-s", str(ROOT / "bench/wrk_json.lua"), BASE + paths[0]]  # fmt: skip
    if len(paths) > 1:
        args += ["--", *paths]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("JSON "))
    return json.loads(line[5:])


def header(path):
    with urllib.request.urlopen(BASE + path, timeout=30) as response:
        response.read()
        return response.headers.get("X-Page-Cache") or "—"


def logged_searches(env, code):
    """Flush the counts (when the code has the command) and read the QueryLog total."""
    if (code / "search/management/commands/flush_search_stats.py").exists():
        subprocess.run([str(PY), "manage.py", "flush_search_stats"], cwd=code, env=env,
                       check=True, capture_output=True)  # fmt: skip
    with sqlite3.connect(VAR / "portal.sqlite3", timeout=30) as db:
        row = db.execute("SELECT COALESCE(SUM(searches), 0), COALESCE(SUM(zero_results), 0) "
                         "FROM search_querylog").fetchone()  # fmt: skip
    return row


def exactness_check():
    """2,000 page-1 searches from 20 threads; returns how many were sent."""
    errors = []

    def client(n):
        for i in range(CHECK_PER_THREAD):
            text = CHECK_QUERIES[(n + i) % len(CHECK_QUERIES)]
            prefix = "/api/search/" if i % 2 else "/search/"
            try:
                with urllib.request.urlopen(BASE + _path(prefix, q=text), timeout=60) as r:
                    r.read()
            except OSError as exc:
                errors.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CHECK_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit(f"exactness check: {len(errors)} requests failed: {errors[0]}")
    return CHECK_THREADS * CHECK_PER_THREAD


def run_phase(label, cache, cache_url, code, args):
    env = environment(cache_url)
    log = open(VAR / f"gunicorn-search-{label}-{cache}.log", "w")  # noqa: SIM115
    print(f"==> {label}, {cache} cache: {code}")
    server = start_server(code, env, log)
    rows = []
    for kind, paths in KINDS.items():
        wrk(paths, args.connections, 3)  # warm every worker
        status = header(paths[0])
        raw = wrk(paths, args.connections, args.duration)
        seconds = raw["duration_us"] / 1e6
        errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors",
                                      "timeouts", "status_errors"))  # fmt: skip
        row = {"label": label, "cache": cache, "kind": kind, "urls": len(paths),
               "page_cache": status, "connections": args.connections,
               "rps": round(raw["requests"] / seconds, 1), "p50_ms": raw["p50_us"] / 1000,
               "p95_ms": raw["p95_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
               "errors": errors}  # fmt: skip
        rows.append(row)
        print(f"  {kind:<15} {row['rps']:>8.1f} req/s  p50 {row['p50_ms']:>7.1f} ms  "
              f"p95 {row['p95_ms']:>7.1f} ms  p99 {row['p99_ms']:>7.1f} ms  "
              f"page cache {status}  errors {errors}")  # fmt: skip
    stop_server(server)
    # Exactness: a fresh server, a known number of searches, then stop and flush.
    server = start_server(code, env, log)  # its start-up request is not a search
    baseline = logged_searches(env, code)
    started = time.monotonic()
    sent = exactness_check()
    elapsed = time.monotonic() - started
    stop_server(server)
    after = logged_searches(env, code)
    counted = after[0] - baseline[0]
    zero_expected = sent // len(CHECK_QUERIES) * 2
    check = {"label": label, "cache": cache, "kind": "exactness", "sent": sent,
             "counted": counted, "zero_sent": zero_expected,
             "zero_counted": after[1] - baseline[1], "rps": round(sent / elapsed, 1)}  # fmt: skip
    print(f"  exactness: sent {sent} searches ({zero_expected} without results), "
          f"QueryLog counted {counted} ({check['zero_counted']}); {check['rps']} req/s "
          f"from 20 Python threads")  # fmt: skip
    rows.append(check)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", default=str(ROOT), help="checkout to serve (default: this)")
    parser.add_argument("--caches", default="file,redis", help="file and/or redis")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--label", default="current")
    args = parser.parse_args()
    if not list(VAR.glob("site-*.built")):
        sys.exit("No benchmark site in bench/var: run `BENCH_QUICK=1 make bench` first.")
    code = Path(args.code).resolve()
    for cache in args.caches.split(","):
        if cache == "file":
            subprocess.run(["rm", "-rf", str(VAR / "cache")], check=True)
            run_phase(args.label, "file", "", code, args)
        elif cache == "redis":
            redis = subprocess.Popen(
                ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL,
            )  # fmt: skip
            time.sleep(1)
            try:
                run_phase(args.label, "redis", f"redis://127.0.0.1:{REDIS_PORT}/0", code, args)
            finally:
                redis.terminate()
                redis.wait()
        else:
            sys.exit(f"unknown cache {cache!r}: use file or redis")


if __name__ == "__main__":
    main()
