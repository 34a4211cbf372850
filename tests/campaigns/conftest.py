"""Fixtures of the campaign tests: a home page with the campaign index below it."""

import pytest


@pytest.fixture
def home(db):
    from demo.home import _home

    return _home()


@pytest.fixture
def index(home):
    from campaigns.factories import CampaignIndexPageFactory

    page = CampaignIndexPageFactory(parent=home)
    page.save_revision().publish()
    return page


@pytest.fixture
def kind(db):
    from campaigns.models import CampaignKind

    return CampaignKind.objects.get(slug="disaster-reduction-day")


@pytest.fixture
def campaign(index, kind):
    from campaigns.factories import CampaignPageFactory

    page = CampaignPageFactory(parent=index, kind=kind, slug="test-512", title="测试宣传周")
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
