"""The cheap helpers of list rows (``row_url``, ``calendar_date`` in portal_tags) give
exactly what Wagtail's ``pageurl`` and Django's ``date`` filter give, and fall back to
them whenever the shortcut would not hold."""

import datetime as dt

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

from portal.core.templatetags import portal_tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    from demo.home import _home
    from knowledge import factories

    home = _home()
    index = factories.RegulationIndexPageFactory(parent=home, title="政策法规", slug="laws")
    law = factories.RegulationPageFactory(parent=index, title="安全生产法", slug="law-1")
    other = factories.RegulationIndexPageFactory(parent=home, title="其他", slug="other")
    elsewhere = factories.RegulationPageFactory(parent=other, title="条例", slug="rule-1")
    return index, law, elsewhere


def _render(source, host="localhost", **context):
    request = RequestFactory().get("/", HTTP_HOST=host)
    template = engines["django"].from_string("{% load wagtailcore_tags portal_tags %}" + source)
    return template.render(dict(context, request=request), request)


def test_row_url_is_wagtails_url_below_the_current_page_and_elsewhere(tree):
    index, law, elsewhere = tree
    source = "{% row_url item %}|{% pageurl item %}"
    fast, wagtail = _render(source, page=index, item=law).split("|")
    assert fast == wagtail == "/laws/law-1/"
    # Not below the current page, or no current page: Wagtail's own answer.
    fast, wagtail = _render(source, page=index, item=elsewhere).split("|")
    assert fast == wagtail == "/other/rule-1/"
    fast, wagtail = _render(source, item=law).split("|")
    assert fast == wagtail == "/laws/law-1/"


def test_row_url_leaves_pages_with_their_own_urls_to_wagtail(tree, monkeypatch):
    index, law, _elsewhere = tree

    def custom_parts(self, request=None):
        return (Site.objects.get(is_default_site=True).pk, "http://localhost", "/custom/")

    monkeypatch.setattr(type(law), "get_url_parts", custom_parts)
    assert _render("{% row_url item %}", page=index, item=law) == "/custom/"


def test_row_url_follows_the_site_of_the_request(tree, settings):
    """With a second site rooted at the list, a row's URL depends on the host asked."""
    settings.ALLOWED_HOSTS = ["localhost", "laws.example.org"]
    index, law, _elsewhere = tree
    Site.objects.create(hostname="laws.example.org", root_page=index, is_default_site=False)
    source = "{% row_url item %}|{% pageurl item %}"
    assert _render(source, page=index, item=law).split("|") == ["/laws/law-1/"] * 2
    shown = _render(source, host="laws.example.org", page=index, item=law).split("|")
    assert shown == ["/law-1/"] * 2


def test_calendar_date_matches_the_date_filter_in_both_languages():
    day = dt.date(2026, 5, 12)
    moment = dt.datetime(2026, 5, 11, 16, 30, tzinfo=dt.UTC)  # 2026-05-12 00:30 in Beijing
    source = (
        '{{ d|calendar_date:"DATE_FORMAT" }}|{{ d|date:"DATE_FORMAT" }}|{{ d|calendar_date:"l" }}'
    )
    source += '|{{ m|calendar_date:"DATE_FORMAT" }}|{{ m|date:"DATE_FORMAT" }}'
    template = engines["django"].from_string("{% load portal_tags %}" + source)
    with translation.override("zh-hans"):
        assert template.render({"d": day, "m": moment}).split("|") == [
            "2026年5月12日",
            "2026年5月12日",
            "星期二",
            "2026年5月12日",
            "2026年5月12日",
        ]
    with translation.override("en"):
        shown = template.render({"d": day, "m": moment}).split("|")
    assert shown[0] == shown[1] and shown[2] == "Tuesday" and shown[3] == shown[4]
    assert (day, "DATE_FORMAT", "zh-hans") in portal_tags._dates
    assert not any(isinstance(key[0], dt.datetime) for key in portal_tags._dates)
