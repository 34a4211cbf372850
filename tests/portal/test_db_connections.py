"""Production workers keep their database connection from one request to the next.

Opening a SQLite connection per request (connect, the WAL pragmas, Django's SQL
functions) halved the throughput of uncached pages (bench: regulation page 265 -> 508
req/s). The check runs the production settings in a subprocess and sends requests
through Django's WSGI handler, so the request_started/finished signals that close old
connections fire as they do under gunicorn.
"""

import os
import secrets
import subprocess
import sys

from django.conf import settings

from tests import dbtemplate

SCRIPT = """
import django
from wsgiref.util import setup_testing_defaults

django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

handler = WSGIHandler()
seen = []
for _ in range(3):
    environ = {"PATH_INFO": "/healthz", "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    response = handler(environ, lambda status, headers: None)
    b"".join(response)
    response.close()  # request_finished: Django closes connections it considers old here
    seen.append(id(connection.connection) if connection.connection is not None else None)
print(connection.vendor, *seen)
"""


def test_a_sqlite_connection_serves_many_requests(tmp_path, db):
    dbtemplate.copy_migrated_sqlite(tmp_path / "portal.sqlite3")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PORTAL_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    for name in ("DATABASE_URL", "DB_CONN_MAX_AGE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    vendor, *ids = result.stdout.split()
    assert vendor == "sqlite"
    assert "None" not in ids, f"the connection was closed after a request: {ids}"
    assert len(set(ids)) == 1, f"a new connection per request: {ids}"
