"""Fixtures of the knowledge tests: a home page with every section below it."""

import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    from demo.home import _home

    return _home()


@pytest.fixture
def sections(home):
    from knowledge import factories as f

    return {
        "regulations": f.RegulationIndexPageFactory(parent=home),
        "plans": f.PlanIndexPageFactory(parent=home),
        "articles": f.ArticleIndexPageFactory(parent=home),
        "shelters": f.ShelterIndexPageFactory(parent=home),
        "sites": f.DemonstrationIndexPageFactory(parent=home),
    }


@pytest.fixture
def drills_index(sections):
    from knowledge.factories import DrillIndexPageFactory

    return DrillIndexPageFactory(parent=sections["plans"])
