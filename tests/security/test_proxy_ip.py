"""Quiz rate limit behind a proxy (issue #13, finding 9): CAMPAIGNS_CLIENT_IP_META and the
limits come from the environment, and the named header then tells visitors apart."""

import os
import subprocess
import sys

from django.test import RequestFactory

from campaigns.services.ratelimit import client_fingerprint


def _settings_in_subprocess(**env):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CAMPAIGNS_CLIENT_IP_META, s.CAMPAIGNS_QUIZ_RATE_LIMIT, "
        "s.CAMPAIGNS_QUIZ_RATE_WINDOW)"
    )
    from django.conf import settings

    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
               "PYTHONPATH": os.pathsep.join(filter(None, [str(settings.BASE_DIR),
                                                           os.environ.get("PYTHONPATH")])),
               **env}  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environ,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout.split()


def test_settings_are_read_from_the_environment():
    assert _settings_in_subprocess() == ["REMOTE_ADDR", "10", "600"]
    assert _settings_in_subprocess(
        CAMPAIGNS_CLIENT_IP_META="HTTP_X_REAL_IP",
        CAMPAIGNS_QUIZ_RATE_LIMIT="30",
        CAMPAIGNS_QUIZ_RATE_WINDOW="60",
    ) == ["HTTP_X_REAL_IP", "30", "60"]


def test_behind_a_proxy_visitors_are_told_apart_by_the_configured_header(settings):
    factory = RequestFactory()
    # Everyone reaches Django from the proxy's address.
    one = factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    two = factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.4")
    settings.CAMPAIGNS_CLIENT_IP_META = "REMOTE_ADDR"
    assert client_fingerprint(one) == client_fingerprint(two)
    settings.CAMPAIGNS_CLIENT_IP_META = "HTTP_X_REAL_IP"
    assert client_fingerprint(one) != client_fingerprint(two)
    # Without the header (a direct request) the socket address is used.
    assert client_fingerprint(factory.post("/", REMOTE_ADDR="10.0.0.1")) == client_fingerprint(
        factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="")
    )
