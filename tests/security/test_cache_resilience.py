"""Damaged cache files (issue #13, finding 6): random bytes in the file cache are misses,
replaced on the next view, never a 500; ``clear_page_cache`` removes everything it owns."""

import io
import os

import pytest
from django.core.management import call_command

from portal.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_cache(settings, tmp_path):
    """The file cache exactly as deployed without Redis (base settings), in a tmp dir."""
    location = tmp_path / "cache"
    settings.CACHES = {"default": {**base.CACHES["default"], "LOCATION": str(location)}}
    assert "FileBasedCache" in base.CACHES["default"]["BACKEND"]
    return location


def _damage(location):
    files = list(location.glob("*.djcache"))
    for number, path in enumerate(files):
        # Random bytes, and some empty files.
        path.write_bytes(os.urandom(300) if number % 3 else b"")
    return files


PAGES = ["/", "/about/", "/search/?q=应急"]


def test_random_bytes_in_every_cache_file_are_misses(client, site, file_cache):
    for path in PAGES:
        assert client.get(path).status_code == 200
    damaged = _damage(file_cache)
    assert len(damaged) >= 3
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
    # The pages were stored afresh: the next view is a hit again.
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_garbage_that_unpickles_is_a_miss_too(client, site, file_cache):
    import pickle

    client.get("/about/")
    for path in file_cache.glob("*.djcache"):
        path.write_bytes(pickle.dumps("not an expiry time") + b"garbage")
    assert client.get("/about/").status_code == 200
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_clear_page_cache_removes_every_file_even_damaged(client, site, file_cache):
    for path in PAGES:
        client.get(path)
    _damage(file_cache)
    out = io.StringIO()
    call_command("clear_page_cache", stdout=out)
    # Only the new generation token is left; every page and damaged file is gone.
    assert len(list(file_cache.glob("*.djcache"))) == 1
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert "cleared" in out.getvalue()


def test_a_damaged_redis_like_value_is_a_miss(client, site, monkeypatch, settings):
    """Any backend: an entry the backend cannot decode is dropped, not raised."""
    import pickle

    from portal.core import pagecache

    # Without the worker's in-memory copy, as in a worker that never served the page.
    settings.PAGE_CACHE_MEMORY_MB = 0
    client.get("/about/")
    real_get = pagecache.page_cache().get

    def broken_get(key, *args, **kwargs):
        if key.startswith(f"pagecache:{pagecache.ENTRY_FORMAT}:"):
            raise pickle.UnpicklingError("invalid load key")
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(pagecache.page_cache(), "get", broken_get)
    response = client.get("/about/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
