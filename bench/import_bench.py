"""Benchmark of ``manage.py import_knowledge``: rows per second for a JSON Lines file.

    .venv/bin/python bench/import_bench.py [--rows 10000] [--database-url URL]

By default it works in a fresh temporary SQLite database (migrated here, deleted after),
so the figures do not depend on, or change, the site's own data. It writes N rows
(60% regulations, 30% articles, 10% plans, HTML bodies), imports them (create), imports
the same file again (update) and prints both rates."""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_rows(path: Path, count: int, seed: int = 20260512):
    rng = random.Random(seed)
    subjects = [
        "安全生产",
        "防汛抗旱",
        "森林防火",
        "危险化学品",
        "地震应急",
        "消防安全",
        "应急物资",
    ]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            roll = rng.random()
            subject = rng.choice(subjects)
            body = (
                f"<h2>第一章 总则</h2><p>为加强{subject}工作，保障人民群众生命财产安全，制定本办法。</p>"
                f"<ul><li>坚持人民至上、生命至上。</li><li>坚持预防为主。</li></ul>"
            )
            day = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if roll < 0.6:
                row = {
                    "type": "regulation",
                    "doc_number": f"郑应急〔2024〕{n}号",
                    "issuer": "郑州市应急管理局",
                    "status": "现行有效",
                    "topic": "安全生产",
                    "effective_on": day,
                }
            elif roll < 0.9:
                row = {"type": "article", "topic": "自救互救"}
            else:
                row = {
                    "type": "plan",
                    "level": "专项预案",
                    "plan_class": "自然灾害",
                    "status": "current",
                }
            row.update(
                key=f"bench-{n}", title=f"郑州市{subject}管理办法（{n}）", body=body, issued_on=day
            )
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument(
        "--database-url", default="", help="Use this database instead of a temporary SQLite file."
    )
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="import-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from demo.home import _home
    from knowledge.importers import run_import
    from knowledge.setup import sections

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    home = _home()
    sections(home)  # the knowledge base's sections, as `setup_site` makes them
    print(
        f"database ready in {time.monotonic() - started:.1f} s ({os.environ['DATABASE_URL'].split(':')[0]})"
    )

    path = Path(workdir.name) / "rows.jsonl"
    write_rows(path, args.rows)
    for label in ("create", "update"):
        started = time.monotonic()
        result = run_import(path)
        elapsed = time.monotonic() - started
        assert not result.errors, result.errors[:5]
        done = result.created + result.updated
        print(
            f"import_knowledge {label}: {done} rows JSONL in {elapsed:.1f} s "
            f"= {done / elapsed:.0f} rows/s (created {result.created}, updated {result.updated})"
        )
    workdir.cleanup()


if __name__ == "__main__":
    main()
