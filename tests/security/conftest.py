"""Fixtures of the security suite."""

import io

import pytest

STRONG = "Jinshui-Safe-2026"


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.cn", STRONG)


def post_login(client, username, password, ip="10.0.0.1", url="/admin/login/"):
    return client.post(
        url, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip
    )


def totp_code(device, steps_ahead=0):
    """The code an authenticator app shows now (or ``steps_ahead`` periods later)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def site(db):
    """The site shell (home, about pages, settings): enough for header and cache tests."""
    from demo import home as demo

    demo.load(io.StringIO())
    demo.finish(io.StringIO())


# The accountability tests' small world (city, two districts, one user per role).
from tests.accountability.conftest import world  # noqa: E402, F401
from tests.knowledge.conftest import home, sections  # noqa: E402, F401
