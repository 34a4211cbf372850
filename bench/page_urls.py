"""Prints, as JSON, one URL per page kind of the built site for bench/run.sh to load:
home, list with filters, detail, search, campaign; plus ``sample``, a spread of URLs of
every kind for the 200-client load test. A kind the site does not have is left out."""

import contextlib
import json
import os
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.urls import NoReverseMatch, reverse  # noqa: E402
from wagtail.models import Page  # noqa: E402

SEARCH_WORDS = ["防汛", "安全生产", "应急预案", "地震", "消防"]


def _live():
    return Page.objects.live().public()


def _filter_query(page):
    """A realistic filtered list URL: the first filter value that matches items, a
    non-default sort, and the second page when there is one."""
    spec = getattr(page, "list_spec", None)
    params = []
    if spec is not None:
        base = page.base_queryset()
        for flt in spec.filters:
            choices = flt.choices(base) if callable(flt.choices) else list(flt.choices or [])
            if choices:
                params.append((flt.param, choices[0][0]))
                break
        other_sorts = [key for key in spec.sorts if key != spec.default_sort]
        if other_sorts:
            params.append(("sort", other_sorts[0]))
    else:
        params.append(("page", "2"))
    return "?" + urlencode(params)


def _ascii(url):
    """Percent-encode Chinese slugs and values, as a browser does."""
    return quote(url, safe="/?=&%+")


def main():
    urls = {"home": "/"}
    list_page = _live().filter(depth__gte=3).order_by("-numchild", "path").first()
    if list_page is not None and list_page.numchild > 1:
        list_page = list_page.specific
        urls["list"] = list_page.url + _filter_query(list_page)
        detail = _live().child_of(list_page).order_by("-first_published_at").first()
        if detail is not None:
            urls["detail"] = detail.url
    with contextlib.suppress(NoReverseMatch):
        urls["search"] = reverse("search") + "?" + urlencode({"q": SEARCH_WORDS[0]})
    campaigns = _live().filter(content_type__app_label="campaigns")
    campaign = (
        campaigns.filter(content_type__model="campaignpage").order_by("-first_published_at").first()
        or campaigns.first()
    )
    if campaign is not None:
        urls["campaign"] = campaign.url

    sample = list(urls.values())
    leaves = _live().filter(numchild=0, depth__gte=3).order_by("-first_published_at")
    sample += [p.url for p in leaves[:150] if p.url]
    indexes = _live().filter(numchild__gt=0, depth__gte=3)
    sample += [p.url for p in indexes[:30] if p.url]
    urls["sample"] = sorted({u for u in sample if u}, key=sample.index)
    urls = {k: [_ascii(u) for u in v] if k == "sample" else _ascii(v) for k, v in urls.items()}
    print(json.dumps(urls, ensure_ascii=False))


if __name__ == "__main__":
    main()
