"""The search page's facet values and results (search/templatetags/search_tags.py): what
the index holds is escaped, the engine's highlighted title and snippet are not escaped a
second time, the selected value is bold, and estimated counts say 约."""

import datetime as dt

from django.utils.safestring import mark_safe
from django.utils.translation import override

from search.engines.base import FacetValue, Hit
from search.templatetags.search_tags import facet_values, search_hits


def test_facet_values_escape_and_mark_the_selected_one():
    values = [FacetValue("a", '<b>"甲"</b>', 3), FacetValue("b", "乙", 12)]
    values[0].href = '?q=x&type=a"'
    values[1].href = "?q=x&type=b"
    html = facet_values({"values": values, "selected": "b"}, False)
    assert '<a href="?q=x&amp;type=a&quot;">&lt;b&gt;&quot;甲&quot;&lt;/b&gt; ' in html
    assert '<span class="count">3</span></a></li>' in html
    assert '<li><strong aria-current="true">乙 <span class="count">12</span></strong></li>' in html
    with override("zh-hans"):
        estimated = facet_values({"values": values, "selected": None}, True)
    assert '<span class="count">约3</span>' in estimated


def test_results_escape_what_the_index_holds_and_keep_the_highlighting():
    hit = Hit(
        key="k:1", title="防汛<script>", url='/a?b=1&c="2"', type="plan",
        type_label="预案<i>", date=dt.date(2026, 5, 12), score=1.0,
        title_html=mark_safe("<mark>防汛</mark>&lt;script&gt;"),
        snippet=mark_safe("…<mark>防汛</mark>工作…"),
    )  # fmt: skip
    with override("zh-hans"):
        html = search_hits([hit, Hit(**{**hit.__dict__, "date": None, "snippet": ""})])
    assert '<span class="badge">预案&lt;i&gt;</span>' in html
    assert '<a href="/a?b=1&amp;c=&quot;2&quot;"><mark>防汛</mark>&lt;script&gt;</a>' in html
    assert '<p class="snippet">…<mark>防汛</mark>工作…</p>' in html
    assert '<time datetime="2026-05-12" class="meta">2026年5月12日</time>' in html
    assert html.count("<li>") == 2 and html.count("<time") == 1 and html.count("snippet") == 1
