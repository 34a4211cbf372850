"""One-file backups of a site (``manage.py backup`` and ``manage.py restore``).

The archive (``.tar.gz``) holds:

- ``manifest.json``: format version, creation time, database vendor, the applied
  migrations and the number of rows per table (to compare after a restore);
- ``database.sqlite3`` (SQLite, copied with SQLite's online backup API, safe while the site
  runs) or ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``);
- ``media/``: every uploaded file (documents, images, campaign materials);
- ``search.json``: the search configuration (engine, index prefix, aliases, and the
  OpenSearch index settings and mappings when the cluster answers). The search index
  itself holds no primary data: after a restore on OpenSearch, run ``rebuild_search``.

Passwords never enter the archive: ``pg_dump``/``pg_restore`` get theirs through the
environment of the child process."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from search.engines import get_engine

FORMAT = 1
SQLITE_FILE, PG_FILE = "database.sqlite3", "database.dump"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the user."""


def vendor() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


def row_counts() -> dict[str, int]:
    """{table: rows} for every model table: what a restore must give back."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args


def _run(command: list[str], env: dict, what: str):
    if shutil.which(command[0]) is None:
        raise BackupError(
            _("%(tool)s is not installed (Debian package postgresql-client).")
            % {"tool": command[0]}
        )
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s failed: %(error)s") % {"what": what, "error": result.stderr.strip()[-500:]}
        )


def _dump_database(target: Path):
    if vendor() == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif vendor() == "postgresql":
        env, args = _pg_env_and_args()
        name = settings.DATABASES["default"]["NAME"]
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args]
        _run([*command, "--file", str(target), name], env, "pg_dump")
    else:
        raise BackupError(_("Backups support SQLite and PostgreSQL only."))


def search_settings() -> dict:
    """The search configuration, without credentials in URLs."""
    info = {"engine": settings.SEARCH_ENGINE, "index_prefix": settings.OPENSEARCH_INDEX_PREFIX}
    if settings.SEARCH_ENGINE != "opensearch":
        return info
    hosts = []
    for url in str(settings.OPENSEARCH_URL).split(","):
        parts = urlsplit(url.strip())
        hosts.append(f"{parts.scheme}://{parts.hostname}:{parts.port or ''}".rstrip(":"))
    info["hosts"] = hosts
    try:
        client = get_engine("opensearch").client
        pattern = f"{settings.OPENSEARCH_INDEX_PREFIX}-*"
        info["aliases"] = client.indices.get_alias(index=pattern)
        info["indices"] = client.indices.get(index=pattern)
    except Exception as exc:  # the cluster may be down: the backup still has the data
        info["unavailable"] = str(exc)[:200]
    return info


def create(output: Path) -> dict:
    """Write the archive to ``output``; returns the manifest."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "vendor": vendor(),
        "migrations": _migrations(),
        "rows": row_counts(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / (SQLITE_FILE if vendor() == "sqlite" else PG_FILE)
        _dump_database(database)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            _add_json(tar, "manifest.json", manifest)
            tar.add(database, arcname=database.name)
            if Path(settings.MEDIA_ROOT).is_dir():
                tar.add(settings.MEDIA_ROOT, arcname="media")
            _add_json(tar, "search.json", search_settings())
        partial.replace(output)  # never leave a half-written archive under the real name
    return manifest


def _add_json(tar: tarfile.TarFile, name: str, data):
    payload = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(payload), int(dt.datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(payload))


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            return json.load(tar.extractfile("manifest.json"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(
            _("%(path)s is not a backup made by manage.py backup.") % {"path": archive}
        ) from exc


def restore(archive: Path) -> dict:
    """Replace the database and media with the archive's. Returns the manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("File not found: %(path)s") % {"path": archive})
    manifest = read_manifest(archive)
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup was made by another version of the portal."))
    if manifest.get("vendor") != vendor():
        raise BackupError(
            _("This backup is of a %(archive)s database; this site uses %(site)s.")
            % {"archive": manifest.get("vendor"), "site": vendor()}
        )
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, filter="data")  # "data" refuses absolute paths and links out
        root = Path(tmp)
        _restore_database(root)
        media = root / "media"
        if media.is_dir():
            target = Path(settings.MEDIA_ROOT)
            target.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media, target, dirs_exist_ok=True)
    cache.clear()  # cached pages and search results describe the old content
    return manifest


def _restore_database(root: Path):
    for conn in connections.all():
        conn.close()
    if vendor() == "sqlite":
        source = sqlite3.connect(root / SQLITE_FILE)
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
    else:
        env, args = _pg_env_and_args()
        name = settings.DATABASES["default"]["NAME"]
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges"]
        _run([*command, *args, "--dbname", name, str(root / PG_FILE)], env, "pg_restore")


def compare(manifest: dict) -> list[str]:
    """Tables whose row count differs from the archive's (empty: all match)."""
    now = row_counts()
    return [
        f"{table}: {count} → {now.get(table)}"
        for table, count in manifest.get("rows", {}).items()
        if now.get(table) != count
    ]
