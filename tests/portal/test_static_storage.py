"""Production static files (portal/core/staticstorage.py): the hashed URL of a file is
worked out once per process; a file missing from the manifest still raises."""

import pytest

from portal.core.staticstorage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    found = StaticFilesStorage(location=tmp_path, base_url="/static/")
    found.hashed_files = {"css/portal.css": "css/portal.0123456789ab.css"}
    return found


def test_hashed_url_worked_out_once(storage, monkeypatch):
    looked_up = []
    original = storage.stored_name

    def spy(name):
        looked_up.append(name)
        return original(name)

    monkeypatch.setattr(storage, "stored_name", spy)
    first = storage.url("css/portal.css")
    assert first == "/static/css/portal.0123456789ab.css"
    assert storage.url("css/portal.css") == first
    assert looked_up == ["css/portal.css"]
    assert storage.url("css/portal.css", force=True) == first and len(looked_up) == 2


def test_missing_file_raises_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError):
            storage.url("css/missing.css")
    assert "css/missing.css" not in storage._urls
