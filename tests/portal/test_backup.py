"""manage.py backup and restore: a round trip onto a fresh database gives back the same
pages, records and media files (SQLite; PostgreSQL too when DATABASE_URL points at one)."""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid

import pytest
from django.conf import settings

from tests import dbtemplate

SETUP = """
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from accountability.models import Enterprise, Industry, Jurisdiction
from accountability.creditcode import make_code
Document = get_document_model()
Document.objects.create(title="附件", file=ContentFile(b"%PDF-1.4 backup test", name="fujian.pdf"))
Enterprise.objects.create(name="郑州某化工有限公司", credit_code=make_code("91410105MA1000001"),
    industry=Industry.objects.get(name="危险化学品"), jurisdiction=Jurisdiction.objects.get(code="jinshui"))
"""
REPORT = """
import json
from django.conf import settings
from wagtail.models import Page
from wagtail.documents import get_document_model
from accountability.models import CalendarDay, Enterprise
doc = get_document_model().objects.first()
print(json.dumps({
    "pages": sorted(Page.objects.values_list("url_path", "title")),
    "enterprises": list(Enterprise.objects.values_list("name", "credit_code", "jurisdiction__name")),
    "calendar": CalendarDay.objects.count(),
    "document": doc and (doc.title, doc.file.read().decode()),
}, ensure_ascii=False))
"""


def _manage(env, *args, stdin=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _report(env):
    # The shell may print its own line first (auto-imports); the JSON is the last line.
    return json.loads(_manage(env, "shell", "-c", REPORT).strip().splitlines()[-1])


def _env(var_dir, database_url=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "PORTAL_VAR_DIR": str(var_dir),
        "SEARCH_ENGINE": "database",
        "CACHE_URL": "",
        "REDIS_URL": "",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _round_trip(tmp_path, source_env, target_env, copy_migrated, source_db=None):
    """``copy_migrated`` copies the source database, just migrated, to the target: the
    target is then a fresh, empty site, as a second `migrate` would make it, without
    running the migrations (30-40 s on 2 cores) twice. On SQLite the source starts as a
    copy of the session's migrated template (``source_db``), and its `migrate` checks it."""
    if source_db is not None:
        dbtemplate.copy_migrated_sqlite(source_db)
    _manage(source_env, "migrate", "-v0")
    copy_migrated()
    _manage(source_env, "setup_site")
    _manage(source_env, "shell", "-c", SETUP)
    csv_file = tmp_path / "docs.csv"
    csv_file.write_text(
        "类型,标识,标题,正文,效力状态\n法规,r1,备份测试通知,正文,现行有效\n", "utf-8"
    )
    _manage(source_env, "import_knowledge", str(csv_file), "--no-progress")
    before = _report(source_env)
    archive = tmp_path / "backup.tar.gz"
    _manage(source_env, "backup", "-o", str(archive))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        search = json.load(tar.extractfile("search.json"))
    assert "manifest.json" in names and any(n.startswith("media/documents/") for n in names)
    assert search["engine"] == "database"
    assert manifest["rows"]["accountability_enterprise"] == 1
    assert "portal:portal" not in archive.read_bytes().decode("latin-1")  # no password inside

    empty = _report(target_env)  # the fresh, empty site
    assert empty["enterprises"] == [] and empty["document"] is None
    out = _manage(target_env, "restore", str(archive), "--yes")
    assert "每张表都与备份一致" in out
    after = _report(target_env)
    assert after == before
    assert any(title == "备份测试通知" for _path, title in after["pages"])
    assert after["document"] == ["附件", "%PDF-1.4 backup test"]
    assert after["calendar"] > 50


def _copy_sqlite(source_dir, target_dir):
    """A consistent copy through SQLite's backup API (the database is in WAL mode)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(source_dir / "portal.sqlite3")
    target = sqlite3.connect(target_dir / "portal.sqlite3")
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def test_round_trip_on_sqlite(tmp_path, db):
    source, target = tmp_path / "source", tmp_path / "target"
    _round_trip(
        tmp_path,
        _env(source),
        _env(target),
        lambda: _copy_sqlite(source, target),
        source_db=source / "portal.sqlite3",
    )


def test_restore_refuses_without_yes_and_refuses_other_files(tmp_path):
    env = _env(tmp_path / "site")
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(bogus)],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0 and "--yes" in result.stderr
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(bogus), "--yes"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0 and "不是由 manage.py backup 生成的备份" in result.stderr


# The only test of this file in the PostgreSQL pass: the two above run on SQLite whatever
# DATABASE_URL says (_env removes it), so they would only run a second time there.
@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL round trip: set DATABASE_URL=postgres://…",
)
def test_round_trip_on_postgresql(tmp_path):
    import psycopg

    base = os.environ["DATABASE_URL"]
    prefix, _slash, _name = base.rpartition("/")
    names = [f"backup_test_{uuid.uuid4().hex[:8]}_{side}" for side in ("source", "target")]
    with psycopg.connect(base, autocommit=True) as admin:

        def copy_migrated():
            # The source's last session (the migrate process) has ended: it can be a template.
            admin.execute(f'CREATE DATABASE "{names[1]}" TEMPLATE "{names[0]}"')

        admin.execute(f'CREATE DATABASE "{names[0]}"')
        try:
            _round_trip(
                tmp_path,
                _env(tmp_path / "source", f"{prefix}/{names[0]}"),
                _env(tmp_path / "target", f"{prefix}/{names[1]}"),
                copy_migrated,
            )
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
