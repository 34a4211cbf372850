"""Chinese analysis on both engines: parts of compounds, Traditional characters, pinyin,
synonyms editors maintain, questions as residents ask them, single characters, and no
markup in the indexed text."""

import datetime as dt

import pytest

from search.engines import SearchQuery, get_engine
from search.factories import SearchDocumentFactory as Doc
from search.models import Synonym
from search.segmenter import query_terms, tokens


@pytest.fixture
def corpus(index_docs):
    return index_docs(
        [
            Doc(key="t:shelter", title="郑州市应急避难场所名录", body="全市应急避难场所一览。"),
            Doc(key="t:team", title="应急救援队伍", body="专业和社会救援力量。"),
            Doc(key="t:forest", title="森林火灾扑救须知", body="护林员巡山，严禁野外用火。"),
            Doc(key="t:month", title="2024年安全生产月活动方案", body="人人讲安全，个个会应急。"),
            Doc(key="t:day", title="防灾减灾日宣传周", body="5月12日前后开展宣传。"),
            Doc(key="t:home-fire", title="家庭火灾预防与逃生", body="发现起火要及时报警。"),
            Doc(key="t:drill", title="政府机关消防演练", body="组织干部职工疏散。"),
            Doc(key="t:water", title="防溺水安全提示", body="不到陌生水域游泳。"),
            Doc(key="t:quake", title="地震来了怎么办", body="就近躲避，保护头部。", date=dt.date(2024, 1, 1)),
        ]
    )  # fmt: skip


def keys(text, engine_name):
    return [h.key for h in get_engine(engine_name).search(SearchQuery(text)).hits]


def test_compounds_index_their_parts():
    assert "避难场所" in tokens("郑州市应急避难场所名录")
    assert "安全生产" in tokens("中华人民共和国安全生产法")


def test_compound_part_finds_the_compound(corpus, engine_name):
    assert keys("避难场所", engine_name)[0] == "t:shelter"


def test_traditional_characters(corpus, engine_name):
    assert query_terms("應急避難場所") == query_terms("应急避难场所")
    assert keys("應急避難場所", engine_name)[0] == "t:shelter"
    assert keys("應急救援隊伍", engine_name)[0] == "t:team"


@pytest.mark.parametrize("text", ["yingji jiuyuan duiwu", "yingjijiuyuanduiwu", "yjjydw"])
def test_pinyin_and_initials_find_titles(corpus, engine_name, text):
    assert keys(text, engine_name)[0] == "t:team"


def test_seeded_synonyms(corpus, engine_name):
    assert keys("山火", engine_name)[0] == "t:forest"
    assert keys("安全月", engine_name)[0] == "t:month"
    assert keys("5·12", engine_name)[0] == "t:day"
    assert keys("5.12", engine_name)[0] == "t:day"


def test_editors_synonym_takes_effect_at_once(corpus, engine_name):
    assert "t:water" not in keys("野外戏水", engine_name)[:1]
    Synonym.objects.create(words="野外戏水 = 防溺水")
    assert keys("野外戏水", engine_name)[0] == "t:water"
    Synonym.objects.filter(words="野外戏水 = 防溺水").update(active=False)
    Synonym.objects.get(words="野外戏水 = 防溺水").save()  # the save replaces the site generation
    assert "t:water" not in keys("野外戏水", engine_name)[:1]


def test_synonym_form_validation(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Synonym(words="山火").full_clean()
    synonym = Synonym(words="山火，野火 = 山火")
    synonym.full_clean()
    assert synonym.words == "山火 = 野火"


def test_questions_as_residents_ask_them(corpus, engine_name):
    assert keys("家里着火了怎么办", engine_name)[0] == "t:home-fire"
    assert keys("地震了如何躲避", engine_name)[0] == "t:quake"
    assert keys("避难场所在哪里", engine_name)[0] == "t:shelter"


@pytest.mark.parametrize(("text", "key"), [("火", "t:home-fire"), ("水", "t:water")])
def test_single_characters_are_matched(corpus, engine_name, text, key):
    assert key in keys(text, engine_name)


def test_heading_markup_is_not_indexed(db):
    from portal.home.models import StandardPage
    from search.text import streamfield_text

    page = StandardPage(
        title="地震避险",
        body=[
            ("heading", {"text": "就近躲避", "level": "h2"}),
            ("callout", {"kind": "warning", "title": "注意", "text": "<p>感到强烈晃动</p>"}),
        ],
    )
    text = streamfield_text(page.body)
    assert "就近躲避" in text and "感到强烈晃动" in text
    assert "h2" not in text.lower() and "warning" not in text
