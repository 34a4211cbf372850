"""Fixtures of the security suite."""

import io

import pytest


@pytest.fixture
def site(db):
    """The site shell (home, about pages, settings): enough for header and cache tests."""
    from portal.home import demo

    demo.load(io.StringIO())
    demo.finish(io.StringIO())
