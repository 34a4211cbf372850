"""The demo site in tests, built once per test session.

`manage.py load_demo` takes 7-14 s. Loading it for every test that needs it cost minutes
per run, so:

- Tests that run inside a transaction (pytest-django's default) share one load: the
  `DemoGroup` opens a transaction, loads the demo into it and keeps it open while those
  tests run one after another (conftest's collection hook groups them). Each test's own
  transaction is then a savepoint inside it and is rolled back as before, so a test that
  changes demo data changes it for itself only. The group's transaction is rolled back
  before the first test that does not use the demo, and at the end of the session.
- Transactional tests (browser tests, with a live server) commit, and their database is
  flushed after each test. They get a fresh demo: on SQLite restored from a snapshot of
  the first load (the backup API copies the whole in-memory database in well under a
  second), on other databases loaded again.
"""

import io
import sqlite3

from pytest_django.fixtures import validate_django_db

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def transactional(item) -> bool:
    """Whether pytest-django runs this test with committed transactions (as it decides)."""
    names = set(getattr(item, "fixturenames", ()))
    if names & TRANSACTIONAL_FIXTURES:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    transaction, reset_sequences, *_rest = validate_django_db(marker)
    return bool(transaction or reset_sequences)


def in_transaction(item) -> bool:
    """A database test that runs inside a transaction rolled back after it."""
    uses_db = "db" in getattr(item, "fixturenames", ()) or item.get_closest_marker("django_db")
    return bool(uses_db) and not transactional(item)


def shares_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ()) and not transactional(item)


def load_demo():
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())


class DemoGroup:
    """The demo loaded in a transaction that the demo tests' own transactions nest in."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None
        self.loads = 0

    def enter(self):
        if self.atomic is not None:
            return
        from django.db import transaction

        with self.blocker.unblock():
            atomic = transaction.atomic()
            # Plays the part of Django's TestCase class transaction: durable atomic blocks
            # in the code under test stay allowed, as they are under TestCase.
            atomic._from_testcase = True
            atomic.__enter__()
            self.atomic = atomic
            try:
                load_demo()
            except BaseException:
                self.leave()
                raise
        self.loads += 1

    def leave(self):
        if self.atomic is None:
            return
        from django.db import transaction

        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# The first fresh load of this process, kept for the next transactional demo tests (SQLite).
_snapshot = []


def _in_memory_sqlite(connection) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def load_fresh():
    """The demo for a transactional test: a copy of the first load, or a new load."""
    from django.core.cache import cache
    from django.db import connection

    if _in_memory_sqlite(connection):
        connection.ensure_connection()
        if _snapshot:
            _snapshot[0].backup(connection.connection)
            cache.clear()  # nothing cached may describe the database before the copy
            return
        load_demo()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _snapshot.append(copy)
        return
    load_demo()
