"""Shared fixtures: demo content, a Playwright-driven Debian Chromium, logged-in users."""

import contextlib
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM then refuses
# to run there unless told that this is deliberate (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}

# The PostgreSQL pass of the test command (scripts/test.sh) runs the tests marked `postgres`:
# these folders and files, and any test marked `@pytest.mark.postgres` (such as the
# backup round trip on PostgreSQL in tests/portal/test_backup.py: pg_dump/pg_restore).
# They cover what differs between SQLite and PostgreSQL; the reasons are in
# docs/CONVENTIONS.md ("Tests").
POSTGRES_PATHS = (
    "tests/search/",  # the embedded engine's PostgreSQL full-text code, Wagtail's PG search
    "tests/reports/",  # row locks (numbers, job claims), raw SQL, unique keys, the cluster
    # text PostgreSQL refuses (NUL), constraints and counters of the security log, sessions
    # and OTP devices, atomic imports
    "tests/security/test_control_chars.py",
    "tests/security/test_hostile_inputs.py",
    "tests/security/test_hostile_files.py",
    "tests/security/test_audit_roles.py",
    "tests/security/test_login_lockout.py",
    "tests/security/test_sessions_passwords.py",
    "tests/security/test_two_factor.py",
    "tests/accountability/test_changes.py",  # select_for_update of change requests
    "tests/accountability/test_audit_trail.py",  # audit rows written beside the change
    "tests/campaigns/test_qcluster.py",  # django-q2's ORM broker on PostgreSQL
    "tests/knowledge/test_districts.py",  # a data migration run backwards and forwards
    "tests/portal/test_first_day.py",  # migrate and set up on an empty database
    "tests/portal/test_healthz.py",  # the database check
    "tests/portal/test_service.py",  # worker and web server processes on one database
)
# Inside those folders, what does not depend on the database: PDF/UA validation of the
# reports (veraPDF reads files), the OpenSearch request shapes, and every case of a test
# parametrized with the OpenSearch engine (its requests go to the node; the database
# engine's cases stay).
POSTGRES_EXCEPT = ("tests/reports/test_pdfua.py", "tests/search/test_opensearch.py")

# The shared demo of this session (a list: the hook below reaches it without a fixture).
_DEMO_GROUPS = []


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the page cache must not serve a page that an
    earlier test rendered from its own (rolled back) database."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def _migrate_from_template():
    """Migrations run once per checkout and source state (see tests/dbtemplate.py)."""
    from tests import dbtemplate

    with contextlib.ExitStack() as stack:
        stack.enter_context(dbtemplate.migrate_from_template())
        yield stack


@pytest.fixture(scope="session")
def django_db_setup(_migrate_from_template, django_db_setup):
    """The migrated test database, restored from the shared template when there is one.

    It also keeps the serialized migrated data reachable from every connection object.
    Transactional tests restore the data that migrations created (root page, groups,
    workflows) from a copy Django keeps on the connection wrapper. The session-wide live
    server of browser tests replaces that wrapper, losing the copy; keeping it on the
    wrapper class makes the restore work for every later test."""
    from django.db import connections

    _migrate_from_template.close()  # tests that call `migrate` themselves get the real one
    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents
    yield


@pytest.fixture(scope="session")
def _demo_group(django_db_setup, django_db_blocker):
    """The demo site shared by the demo tests that run in a transaction (see DemoGroup)."""
    from tests.shared_demo import DemoGroup

    group = DemoGroup(django_db_blocker)
    _DEMO_GROUPS.append(group)
    yield group
    group.leave()
    _DEMO_GROUPS.remove(group)


@pytest.fixture
def _demo_site(request, _demo_group):
    """Runs before every other fixture of a demo test (pytest_collection_modifyitems puts it
    first), so the shared demo is in place before the test's own transaction begins."""
    from tests.shared_demo import shares_demo

    if shares_demo(request.node):
        _demo_group.enter()
    else:
        _demo_group.leave()


@pytest.fixture
def demo(_demo_site, request, db):
    """The full demo site, as `manage.py load_demo` builds it.

    Tests in a transaction (most) share one load per session: they run in a savepoint of
    the transaction that holds the demo, so what a test changes is rolled back after it.
    Transactional tests (browser tests) get a fresh copy: restored from a snapshot of the
    first load on SQLite, loaded again on other databases."""
    from tests.shared_demo import load_fresh, shares_demo

    if not shares_demo(request.node):
        load_fresh()


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


def pytest_itemcollected(item):
    """Marked as it is collected, before `-m` selects (POSTGRES_PATHS above)."""
    where = Path(str(item.path)).resolve()
    root = Path(str(item.config.rootpath)).resolve()
    if not where.is_relative_to(root):
        return
    place = where.relative_to(root).as_posix()
    params = getattr(getattr(item, "callspec", None), "params", {})
    if (
        place.startswith(POSTGRES_PATHS)
        and not place.startswith(POSTGRES_EXCEPT)
        and "opensearch" not in params.values()
    ):
        item.add_marker(pytest.mark.postgres)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data (root page, groups, workflows);
    the demo tests that share one demo load run one after another.

    A transactional test flushes the database when it ends. Without serialized rollback that
    flush re-creates content types with new ids, and the next test that does restore the
    serialized data then collides with them; so all of them restore, or none can.

    pytest-django has already put tests in transactions first and transactional tests
    after them (trylast: this hook runs after its sort). The tests that share the demo move
    to the end of the first group, so the demo is loaded once and rolled back before the
    first transactional test; their `_demo_site` fixture goes first, ahead of `db`."""
    from tests.shared_demo import in_transaction, shares_demo

    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
        names = getattr(item, "fixturenames", None)
        if names and "_demo_site" in names and names[0] != "_demo_site":
            names.remove("_demo_site")
            names.insert(0, "_demo_site")
    shared = [item for item in items if shares_demo(item)]
    if shared:
        rest = [item for item in items if not shares_demo(item)]
        end = next((i for i, item in enumerate(rest) if not in_transaction(item)), len(rest))
        items[:] = rest[:end] + shared + rest[end:]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The shared demo ends (rolled back) before any test that does not share it."""
    from tests.shared_demo import shares_demo

    if _DEMO_GROUPS and not shares_demo(item):
        _DEMO_GROUPS[0].leave()
