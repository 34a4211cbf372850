"""{% kept %}: parts of the site's frame rendered once per site generation, language,
host and values in each worker (portal_tags.kept), used by the footer."""

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.core import pagecache

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load i18n portal_tags %}{% kept "t" part %}{% translate "Home" %} {{ shown }}{% endkept %}'
)


def _render(rf, shown, part="a", host="127.0.0.1"):
    request = rf.get("/", HTTP_HOST=host)
    return TEMPLATE.render(Context({"request": request, "shown": shown, "part": part}))


def test_a_kept_part_is_rendered_once_per_generation_language_host_and_value(rf, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    pagecache.invalidate_all()
    with translation.override("zh-hans"):
        assert _render(rf, "一") == "首页 一"
        assert _render(rf, "二") == "首页 一"  # kept
        assert _render(rf, "二", part="b") == "首页 二"
        assert _render(rf, "三", host="localhost") == "首页 三"
    with translation.override("en"):
        assert _render(rf, "四") == "Home 四"
    pagecache.invalidate_all()  # what every save of something public does
    with translation.override("zh-hans"):
        assert _render(rf, "五") == "首页 五"


@pytest.fixture
def home(db):
    from demo.home import _home

    return _home()


def test_the_footer_shows_new_settings_on_the_next_view(client, home, settings):
    from wagtail.models import Site

    from portal.core.models import BureauSettings

    settings.PAGE_CACHE_ENABLED = False
    client.get("/")  # the first view of the site creates its settings (a new generation)
    bureau = BureauSettings.for_site(Site.objects.get(is_default_site=True))
    client.get("/")
    bureau.hotline = "0371-12350-9"
    bureau.save()
    footer = client.get("/").content.decode().split('<footer class="site-footer"')[1]
    assert "0371-12350-9" in footer
