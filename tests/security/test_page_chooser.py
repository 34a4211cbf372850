"""Page chooser leaks (issue #13, finding 10, first half): accountability roles, who have
no page permissions, see only published pages open to everyone, never the titles of
drafts or login-restricted pages; editors still see everything."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

DRAFT = "未发布草稿标题"
RESTRICTED = "仅限登录查看标题"
PUBLIC = "公开法规标题"


@pytest.fixture
def pages(sections):
    from knowledge import factories as f

    index = sections["regulations"]
    public = f.RegulationPageFactory(parent=index, title=PUBLIC)
    draft = f.RegulationPageFactory(parent=index, title=DRAFT, live=False)
    restricted = f.RegulationPageFactory(parent=index, title=RESTRICTED)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    return index, public, draft, restricted


def _chooser_texts(client, index, restricted):
    urls = [
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[index.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=标题",
        reverse("wagtailadmin_choose_page_search") + "?q=" + DRAFT,
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(response.content.decode("unicode_escape", errors="replace"))
    return texts, client.get(reverse("wagtailadmin_choose_page_child", args=[restricted.pk]))


def test_district_supervisor_sees_only_public_live_pages(client, world, pages):
    index, _public, _draft, restricted = pages
    client.force_login(world.users["district"])
    texts, hidden_parent = _chooser_texts(client, index, restricted)
    joined = "".join(texts)
    assert PUBLIC in texts[1]
    assert DRAFT not in joined and RESTRICTED not in joined
    assert hidden_parent.status_code == 404


def test_editors_still_choose_any_page(client, world, pages):
    index, _public, _draft, restricted = pages
    client.force_login(world.users["superuser"])
    texts, restricted_parent = _chooser_texts(client, index, restricted)
    assert DRAFT in texts[1] and RESTRICTED in texts[1]
    assert restricted_parent.status_code == 200
