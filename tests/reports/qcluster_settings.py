"""Settings for the `manage.py qcluster` / `shell` subprocesses of the cluster tests: the
test settings, plus the test report kind, and e-mail written to files so the test can
count the messages the worker sent."""

import os

import tests.reports.kinds  # noqa: E402,F401  (registers the test report kind)
from portal.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("TEST_EMAIL_DIR", "/tmp/portal-test-mail")
REPORTS_DIR = os.environ.get("REPORTS_DIR", "/tmp/portal-test-reports")
