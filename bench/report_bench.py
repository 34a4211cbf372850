"""Benchmark: the period summary PDF for 1,000+ enterprises, beside WeasyPrint alone.

    .venv/bin/python bench/report_bench.py [--enterprises 1000] [--year 2026] [--db PATH]

Prepares (once, then reuses) a SQLite database with the demo site plus synthetic
enterprises, then measures in separate processes, so each peak memory figure is that
step's own:

1. the whole report (queries, template, charts, WeasyPrint) as the worker builds it;
2. WeasyPrint alone rendering the very HTML that step 1 produced.

Prints a small table and writes bench/results/reports.json. DATABASE_URL, if set, is used
instead of the bench database (it must already hold the data).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()


def step_pipeline(args) -> dict:
    """Step 1, in its own process: the report exactly as a worker builds it."""
    setup_django()
    from accountability.models import Enterprise
    from reports.pdf import html_to_pdf, render_html
    from reports.services import get_kind

    kind = get_kind("summary")
    params = kind.clean_params({"year": args.year, "district": ""})
    baseline = peak_rss_mb()
    start = time.perf_counter()
    html = render_html(kind, params, None, number=1)
    html_seconds = time.perf_counter() - start
    pdf = html_to_pdf(html)
    total = time.perf_counter() - start
    Path(args.html).write_text(html, encoding="utf-8")
    Path(args.pdf).write_bytes(pdf)
    return {
        "enterprises": Enterprise.objects.filter(archived=False).count(),
        "seconds": round(total, 2),
        "data_and_template_seconds": round(html_seconds, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_before_mb": round(baseline, 1),
        "pdf_bytes": len(pdf),
        "pages": count_pages(args.pdf),
    }


def step_weasyprint(args) -> dict:
    """Step 2, in its own process: only WeasyPrint, on the saved HTML."""
    from weasyprint import HTML

    html = Path(args.html).read_text(encoding="utf-8")
    baseline = peak_rss_mb()
    start = time.perf_counter()
    pdf = HTML(string=html, base_url=str(ROOT)).write_pdf()
    return {
        "seconds": round(time.perf_counter() - start, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_before_mb": round(baseline, 1),
        "pdf_bytes": len(pdf),
    }


def count_pages(path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def prepare(args, env):
    """Create the bench database with demo data and synthetic enterprises (idempotent)."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    quiet = {"env": env, "check": True, "stdout": subprocess.DEVNULL}
    print(f"==> preparing {env['DATABASE_URL']} ({args.enterprises} synthetic enterprises)")
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], **quiet)
    subprocess.run([*manage, "load_demo"], **quiet, stderr=subprocess.DEVNULL)
    subprocess.run(
        [*manage, "generate_synthetic", "--enterprises", str(args.enterprises), "--seed", "7"],
        **quiet,
        stderr=subprocess.DEVNULL,
    )


def run_step(name, args, env) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--step",
        name,
        "--year",
        str(args.year),
        "--html",
        args.html,
        "--pdf",
        args.pdf,
    ]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=1000)
    parser.add_argument("--year", type=int, default=time.localtime().tm_year)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench" / "reports.sqlite3"))
    parser.add_argument("--step", choices=["pipeline", "weasyprint"], help=argparse.SUPPRESS)
    parser.add_argument("--html", default=str(RESULTS / "summary.html"), help=argparse.SUPPRESS)
    parser.add_argument("--pdf", default=str(RESULTS / "summary.pdf"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.step:
        result = step_pipeline(args) if args.step == "pipeline" else step_weasyprint(args)
        print(json.dumps(result))
        return

    RESULTS.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "LOG_LEVEL": "WARNING"}
    env.setdefault("Q_SYNC", "1")  # demo loading queues jobs: run them inline
    if "DATABASE_URL" not in os.environ:
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
        env.setdefault("PORTAL_VAR_DIR", str(Path(args.db).parent / "var"))
        env["DATABASE_URL"] = f"sqlite:///{args.db}"
        prepare(args, env)
    pipeline = run_step("pipeline", args, env)
    alone = run_step("weasyprint", args, env)
    share = alone["seconds"] / pipeline["seconds"] * 100 if pipeline["seconds"] else 0
    print(
        f"\nPeriod summary PDF, {pipeline['enterprises']:,} enterprises, {pipeline['pages']} pages"
    )
    print(f"{'':34}{'time (s)':>10}{'peak RSS (MB)':>16}")
    print(
        f"{'whole report (data+template+PDF)':34}{pipeline['seconds']:>10}{pipeline['peak_rss_mb']:>16}"
    )
    print(f"{'  of which data and template':34}{pipeline['data_and_template_seconds']:>10}{'':>16}")
    print(f"{'WeasyPrint alone, same HTML':34}{alone['seconds']:>10}{alone['peak_rss_mb']:>16}")
    print(f"WeasyPrint is {share:.0f}% of the report's time; PDF {pipeline['pdf_bytes']:,} bytes")
    (RESULTS / "reports.json").write_text(
        json.dumps({"pipeline": pipeline, "weasyprint_alone": alone}, indent=2)
    )


if __name__ == "__main__":
    main()
