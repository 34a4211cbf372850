"""Fixtures of the security suite."""

import io

import pytest


@pytest.fixture
def site(db):
    """The site shell (home, about pages, settings): enough for header and cache tests."""
    from portal.home import demo

    demo.load(io.StringIO())
    demo.finish(io.StringIO())


# The accountability tests' small world (city, two districts, one user per role).
from tests.accountability.conftest import world  # noqa: E402, F401
from tests.knowledge.conftest import home, sections  # noqa: E402, F401
