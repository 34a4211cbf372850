"""Helpers for bench/run.sh: warm pages, record wrk results and worker memory, and print
the figures. Results are JSON lines in ``$BENCH_RESULTS`` (one object per measurement).

    report.py warm BASE PATH...            GET each path twice; print the ones served from cache
    report.py status BASE PATH             the X-Page-Cache state of a path after a first view
    report.py size BASE PATH               body size of a path in bytes
    report.py record PHASE KIND PATH CACHE < wrk output
    report.py memory PHASE MASTER_PID      peak RSS (VmHWM) of every gunicorn worker
    report.py note KEY VALUE               a free figure (build times, machine)
    report.py print                        the tables, also written as Markdown next to the results
    report.py goals                        issue #19's goals: measured value, ratio to the
                                           minimal Django view, PASS/FAIL (also Markdown)
"""

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

RESULTS = Path(os.environ.get("BENCH_RESULTS", "bench/var/results.jsonl"))
KIND_ORDER = ["ceiling", "home", "list", "detail", "search", "campaign", "mixed"]


def _get(url):
    request = urllib.request.Request(url, headers={"User-Agent": "bench"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _append(record):
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def warm(base, *paths):
    for path in paths:
        _get(base + path)
        status, headers, _ = _get(base + path)
        if status == 200 and headers.get("X-Page-Cache") == "hit":
            print(path)


def status(base, path):
    _get(base + path)
    code, headers, _ = _get(base + path)
    print(headers.get("X-Page-Cache") or ("none" if code == 200 else f"HTTP {code}"))


def size(base, path):
    print(len(_get(base + path)[2]))


def record(phase, kind, path, cache):
    line = next((ln for ln in sys.stdin if ln.startswith("JSON ")), None)
    if line is None:
        sys.exit(f"no result from wrk for {phase} {kind}")
    raw = json.loads(line[5:])
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    errors += 1 if raw["requests"] == 0 else 0  # a run without a single answer failed
    result = {
        "type": "http",
        "phase": phase,
        "kind": kind,
        "path": path,
        "cache": cache,
        "connections": int(os.environ.get("BENCH_CONN", "0")),
        "seconds": round(seconds, 1),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
        "non_2xx_3xx": raw["status_errors"],
    }
    _append(result)
    print(_row(result))
    if os.environ.get("BENCH_ZERO_ERRORS") == "1" and errors + raw["status_errors"]:
        sys.exit(f"{errors + raw['status_errors']} errors under load")


def memory(phase, master_pid):
    peaks = []
    for status_file in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status_file.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
    if not peaks:
        return
    result = {
        "type": "memory",
        "phase": phase,
        "workers": len(peaks),
        "peak_rss_mb_max": round(max(peaks), 1),
        "peak_rss_mb_mean": round(sum(peaks) / len(peaks), 1),
    }
    _append(result)
    print(
        f"  peak RSS per worker ({phase}): max {result['peak_rss_mb_max']} MB, "
        f"mean {result['peak_rss_mb_mean']} MB over {len(peaks)} workers"
    )


def note(key, value):
    _append({"type": "note", "key": key, "value": value})


def _row(r):
    return (
        f"  {r['phase']:<14} {r['kind']:<9} {r['cache']:<7} {r['rps']:>9.1f} req/s  "
        f"p50 {r['p50_ms']:>7.1f} ms  p95 {r['p95_ms']:>7.1f} ms  p99 {r['p99_ms']:>7.1f} ms  "
        f"errors {r['errors'] + r['non_2xx_3xx']}"
    )


def print_all():
    records = [json.loads(line) for line in RESULTS.read_text(encoding="utf-8").splitlines()]
    http = [r for r in records if r["type"] == "http"]
    mem = [r for r in records if r["type"] == "memory"]
    notes = [r for r in records if r["type"] == "note"]
    http.sort(key=lambda r: (r["phase"] == "load-test", KIND_ORDER.index(r["kind"])))
    md = ["| page kind | server | page cache | req/s | p50 ms | p95 ms | p99 ms | errors |"]
    md.append("|---|---|---|---:|---:|---:|---:|---:|")
    for r in http:
        md.append(
            f"| {r['kind']} | {r['phase']} | {r['cache']} | {r['rps']:.0f} | {r['p50_ms']:.1f} "
            f"| {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors'] + r['non_2xx_3xx']} |"
        )
    md += [
        "",
        "| server | workers | peak RSS per worker, max (MB) | mean (MB) |",
        "|---|---:|---:|---:|",
    ]
    for r in mem:
        md.append(
            f"| {r['phase']} | {r['workers']} | {r['peak_rss_mb_max']} | {r['peak_rss_mb_mean']} |"
        )
    if notes:
        md += ["", "| figure | value |", "|---|---|"]
        md += [f"| {r['key']} | {r['value']} |" for r in notes]
    text = "\n".join(md)
    RESULTS.with_suffix(".md").write_text(text + "\n", encoding="utf-8")
    print(text)


CACHED_RATIO, UNCACHED_RATIO, ADMIN_P95_MS = 0.8, 0.04, 300
KIND_LABELS = {
    "home": "home",
    "list": "list with filters",
    "detail": "detail",
    "search": "search page",
    "campaign": "campaign",
}


def goals():
    """One line per goal. Every throughput is compared with the minimal Django view
    measured in the same run (the mean of its measurements): the machine is shared, so only
    ratios measured side by side mean something."""
    records = [json.loads(line) for line in RESULTS.read_text(encoding="utf-8").splitlines()]
    http = [r for r in records if r["type"] == "http"]
    ceilings = [r["rps"] for r in http if r["kind"] == "ceiling"]
    if not ceilings:
        sys.exit("no ceiling measurement")
    ceiling = sum(ceilings) / len(ceilings)
    rows = []

    def ratio_row(goal, r, target):
        ratio = r["rps"] / ceiling
        ok = ratio >= target and r["errors"] + r["non_2xx_3xx"] == 0
        rows.append((goal, f"{r['rps']:.0f} req/s", f"{ratio:.3f}×", f"≥ {target}×", ok))

    for phase, label, target in (
        ("file-cache", "cached", CACHED_RATIO),
        ("no-cache", "uncached", UNCACHED_RATIO),
    ):
        for r in http:
            if r["phase"] == phase and r["kind"] in KIND_LABELS:
                ratio_row(f"{label}: {KIND_LABELS[r['kind']]}", r, target)
    for r in http:
        if r["phase"] == "load-test":
            errors = r["errors"] + r["non_2xx_3xx"]
            rows.append(
                (
                    f"cached, {r['connections']} connections for {r['seconds']:.0f} s",
                    f"{r['rps']:.0f} req/s, {errors} errors",
                    f"{r['rps'] / ceiling:.3f}×",
                    "0 errors",
                    errors == 0,
                )
            )
    for r in records:
        if r["type"] == "admin":
            rows.append(
                (
                    f"admin list for a supervisor: {r['page']}",
                    f"p95 {r['p95_ms']:.0f} ms (p50 {r['p50_ms']:.0f})",
                    "—",
                    f"p95 ≤ {ADMIN_P95_MS} ms",
                    r["p95_ms"] <= ADMIN_P95_MS,
                )
            )
    md = [
        f"Minimal Django view (ceiling): {ceiling:.0f} req/s "
        f"(mean of {len(ceilings)} measurements: {', '.join(f'{c:.0f}' for c in ceilings)})",
        "",
        "| goal | measured | × minimal view | target | result |",
        "|---|---|---:|---|---|",
    ]
    md += [
        f"| {goal} | {value} | {ratio} | {target} | {'PASS' if ok else 'FAIL'} |"
        for goal, value, ratio, target, ok in rows
    ]
    md.append(
        "| search API p95 at 100,000 documents | bench/search_bench.py, printed below | — "
        "| ≤ 50 ms embedded, ≤ 30 ms OpenSearch | see below |"
    )
    text = "\n".join(md)
    RESULTS.with_name("goals.md").write_text(text + "\n", encoding="utf-8")
    print(text)


COMMANDS = {
    "goals": goals,
    "warm": warm,
    "status": status,
    "size": size,
    "record": record,
    "memory": memory,
    "note": note,
    "print": print_all,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
