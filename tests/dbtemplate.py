"""One migrated template database, shared by every test run of this checkout.

Migrating the test database costs 30-40 s on a 2-core machine, and the test command runs
pytest several times (SQLite, PostgreSQL, the Redis pass; several at once). The first run
that needs a migrated database migrates it and keeps a copy: a file for SQLite, a
`CREATE DATABASE ... TEMPLATE` source for PostgreSQL. Every later run restores that copy
instead of migrating. The copy is keyed by everything a migration can read: the project's
source and data files, the installed distributions, the settings module and the database
engine; a change to any of them makes a new template (and the old ones are removed).

Only the `migrate` call inside Django's `create_test_db` is replaced, so the rest of the
test database set-up (serialization for transactional tests, cache tables) is Django's.
`PORTAL_TEST_DB_TEMPLATE=0` turns it off; `--reuse-db`/`--nomigrations` bypass it.
"""

import contextlib
import fcntl
import hashlib
import importlib.metadata
import os
import re
import sqlite3
import tomllib
from pathlib import Path

from django.conf import settings

# Folders whose files can change what migrations create (code they import, data they load).
PACKAGES = ("portal", "knowledge", "campaigns", "accountability", "search", "reports")
SKIP_DIRS = {"__pycache__", "static", "templates", "locale", "node_modules"}


def enabled() -> bool:
    return os.environ.get("PORTAL_TEST_DB_TEMPLATE", "1") != "0"


def template_dir() -> Path:
    path = Path(settings.VAR_DIR) / "test-db-templates"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def source_key(connection) -> str:
    """A digest of everything the migrated state depends on."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for package in PACKAGES:
        for path in sorted((base / package).rglob("*")):
            if path.is_file() and not SKIP_DIRS.intersection(path.relative_to(base).parts):
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    # Installed packages by name and version, once each; the project itself is hashed above
    # (an egg-info folder left by a build must not change the key).
    with open(base / "pyproject.toml", "rb") as project:
        own = _normal(tomllib.load(project)["project"]["name"])
    packages = {
        (_normal(dist.metadata["Name"]), dist.version)
        for dist in importlib.metadata.distributions()
    }
    for name, version in sorted(packages):
        if name != own:
            digest.update(f"{name}=={version}".encode())
    digest.update(os.environ.get("DJANGO_SETTINGS_MODULE", "").encode())
    digest.update(connection.vendor.encode())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(name: str):
    """One process at a time builds or reads a template (parallel passes wait for it)."""
    with open(template_dir() / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class SQLiteTemplate:
    def __init__(self, connection, key):
        self.connection = connection
        self.path = template_dir() / f"sqlite-{key}.sqlite3"

    def exists(self) -> bool:
        return self.path.exists()

    def restore(self):
        self.connection.ensure_connection()
        source = sqlite3.connect(self.path)
        try:
            source.backup(self.connection.connection)
        finally:
            source.close()

    def save(self):
        for old in template_dir().glob("sqlite-*.sqlite3"):
            old.unlink(missing_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        self.connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            self.connection.connection.backup(target)
        finally:
            target.close()
        partial.rename(self.path)


class PostgreSQLTemplate:
    def __init__(self, connection, key):
        self.connection = connection
        self.test_name = connection.settings_dict["NAME"]
        self.prefix = f"{self.test_name}_tpl_"
        self.name = f"{self.prefix}{key[:12]}"

    def _quote(self, name):
        return self.connection.ops.quote_name(name)

    def _databases(self, cursor):
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [self.prefix + "%"])
        return {row[0] for row in cursor.fetchall()}

    def exists(self) -> bool:
        with self.connection._nodb_cursor() as cursor:
            return self.name in self._databases(cursor)

    def _copy(self, source, target):
        # CREATE DATABASE ... TEMPLATE needs every other session of the source closed.
        self.connection.close()
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {self._quote(target)}")
            cursor.execute(f"CREATE DATABASE {self._quote(target)} TEMPLATE {self._quote(source)}")

    def restore(self):
        self._copy(self.name, self.test_name)

    def save(self):
        with self.connection._nodb_cursor() as cursor:
            for old in self._databases(cursor):
                cursor.execute(f"DROP DATABASE IF EXISTS {self._quote(old)}")
        self._copy(self.test_name, self.name)


TEMPLATES = {"sqlite": SQLiteTemplate, "postgresql": PostgreSQLTemplate}


@contextlib.contextmanager
def migrate_from_template():
    """While set up, `create_test_db`'s migrate restores the template (or builds it)."""
    from django.core import management

    real_call_command = management.call_command

    def call_command(name, *args, **options):
        from django.db import connections

        alias = options.get("database", "default")
        connection = connections[alias]
        kind = TEMPLATES.get(connection.vendor)
        if (
            name != "migrate"
            or kind is None
            or not enabled()
            or connection.settings_dict["TEST"].get("MIGRATE") is False
            or type(settings.MIGRATION_MODULES).__name__ == "DisableMigrations"  # --nomigrations
        ):
            return real_call_command(name, *args, **options)
        template = kind(connection, source_key(connection))
        with _locked(connection.vendor):
            if template.exists():
                template.restore()
                return None
            result = real_call_command(name, *args, **options)
            template.save()
            return result

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = real_call_command


def copy_migrated_sqlite(target: Path) -> bool:
    """Copy this session's migrated SQLite template to ``target`` (a database file for a
    ``manage.py`` subprocess); False when there is none (templates off, another
    database), and the caller migrates. The same migrations under the test settings as
    under the development ones: the subprocess's own ``migrate`` then finds nothing to do,
    and a test of something else (backup, logging) does not pay 20-30 s of migrations.
    The test asks for ``db``: that is what makes the session build the template first."""
    from django.db import connection

    if not enabled() or connection.vendor != "sqlite":
        return False
    template = SQLiteTemplate(connection, source_key(connection))
    if not template.exists():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(connection.vendor):
        source = sqlite3.connect(template.path)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    return True
