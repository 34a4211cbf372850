"""Shared fixtures: demo content, a Playwright-driven Debian Chromium, logged-in users."""

import io
import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM then refuses
# to run there unless told that this is deliberate (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the page cache must not serve a page that an
    earlier test rendered from its own (rolled back) database."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized migrated data reachable from every connection object.

    Transactional tests restore the data that migrations created (root page, groups,
    workflows) from a copy Django keeps on the connection wrapper. The session-wide live
    server of browser tests replaces that wrapper, losing the copy; keeping it on the
    wrapper class makes the restore work for every later test."""
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents
    yield


@pytest.fixture
def demo(db):
    """The full demo site, as `manage.py load_demo` builds it."""
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def phone_page(browser):
    """A browser tab the size of a phone, in Chinese."""
    context = browser.new_context(
        viewport=PHONE, locale="zh-CN", device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20000)
    yield page
    context.close()


@pytest.fixture
def screenshot_dir():
    from django.conf import settings

    path = settings.VAR_DIR / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def admin_login(page, base_url, username, password):
    """Log in to the Wagtail admin through its login form."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/**")


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (root page, groups, workflows).

    A transactional test flushes the database when it ends. Without serialized rollback that
    flush re-creates content types with new ids, and the next test that does restore the
    serialized data then collides with them; so all of them restore, or none can."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
