"""Bulk commands hide django-q's one-line-per-task INFO messages, never its errors."""

import logging
import os
import subprocess
import sys

from django.conf import settings

from portal.core.logs import quiet_queue
from tests import dbtemplate


def test_info_is_hidden_and_errors_are_not(caplog):
    logger = logging.getLogger("django-q")
    with caplog.at_level(logging.INFO, logger="django-q"):
        with quiet_queue():
            logger.info("Enqueued [portal] 1")
            logger.error("Failed [portal] boom")
        logger.info("Enqueued [portal] 2")  # the level is restored afterwards
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["Failed [portal] boom", "Enqueued [portal] 2"]


def test_real_enqueues_are_silent_inside_and_logged_outside(tmp_path, db):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(tmp_path), "LOG_LEVEL": "INFO", "Q_SYNC": "0"}  # fmt: skip
    env.pop("DATABASE_URL", None)

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip

    dbtemplate.copy_migrated_sqlite(tmp_path / "portal.sqlite3")  # else a full migrate
    manage("migrate", "-v0")
    code = (
        "from django_q.tasks import async_task\n"
        "from portal.core.logs import quiet_queue\n"
        "with quiet_queue():\n"
        "    [async_task('portal.core.health.heartbeat') for _ in range(5)]\n"
        "async_task('portal.core.health.heartbeat')\n"
        "from django_q.models import OrmQ; print('queued', OrmQ.objects.count())\n"
    )
    result = manage("shell", "-c", code)
    output = result.stdout + result.stderr
    assert "queued 6" in output  # six tasks went to the queue
    assert output.count("Enqueued") == 1  # only the one outside quiet_queue was logged
