"""Helpers for tests that run a real django-q2 cluster (`manage.py qcluster`) in a
subprocess: a database the subprocesses can open, a polling wait, and the cluster's
lifetime as a context manager."""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

MANAGE = [sys.executable, str(settings.BASE_DIR / "manage.py")]


def shared_database(tmp_path: Path):
    """A DATABASE_URL for the subprocesses, and a function running SQL on the same data.

    On SQLite the in-memory test database is copied to a file (subprocesses cannot open
    it); on PostgreSQL the subprocesses use the test database itself, so the test must be
    transactional for them to see its rows."""
    if connection.vendor == "sqlite":
        target = tmp_path / "cluster.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)

        def query(sql):
            with sqlite3.connect(target) as db:
                return db.execute(sql).fetchall()

        return f"sqlite:///{target}", query
    params = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{k: params.get(k) or "" for k in ("USER", "PASSWORD", "HOST", "PORT")},
        NAME=params["NAME"],
    )

    def query(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    return url, query


def subprocess_env(url: str, **extra) -> dict:
    """The environment of the cluster and setup subprocesses."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": url,
        "Q_SYNC": "0",
        "PYTHONPATH": str(settings.BASE_DIR),
        **extra,
    }


def run_shell(env: dict, code: str) -> None:
    """Run Python code in `manage.py shell` with the subprocess environment."""
    subprocess.run([*MANAGE, "shell", "-c", code], env=env, check=True, timeout=120)


def wait_for(check, timeout: float, what: str, interval: float = 1, log: Path | None = None):
    """Poll ``check`` until it is true; on timeout fail with the end of ``log``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    tail = log.read_text()[-2000:] if log is not None and log.exists() else ""
    raise AssertionError(f"timed out waiting for {what}\n{tail}")


@contextlib.contextmanager
def running_cluster(env: dict, log_path: Path):
    """The cluster (`manage.py run_worker`, as the services run it) for the duration of the
    block; its output goes to ``log_path``. Stopped with SIGTERM to its process group
    (SIGKILL after 30 s) even when the block fails: a bare `qcluster` hangs on that signal
    until the SIGKILL (reports/worker.py explains why)."""
    with log_path.open("w") as log:
        cluster = subprocess.Popen(
            [*MANAGE, "run_worker", "--grace", "20"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield cluster
        finally:
            os.killpg(cluster.pid, signal.SIGTERM)
            try:
                cluster.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(cluster.pid, signal.SIGKILL)
