"""The 政府信息公开 column: index numbers, the catalogue, annual reports and replies."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

pytestmark = pytest.mark.django_db

CODE = "11410100MB1B00000X"


@pytest.fixture
def column(home):
    from knowledge import setup

    found = setup.sections(home)
    column = found["disclosure"]
    column.organisation_code = CODE
    column.save_revision().publish()
    return found


def _record(parent, title, day, **fields):
    from knowledge.models import DisclosureRecordPage

    page = DisclosureRecordPage(title=title, issued_on=day, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _reply(parent, title, day, **fields):
    from knowledge.models import ReplyPage

    values = {
        "reply_number": "第0001号",
        "session": "市十五届人大四次会议",
        "proposer": "王永军",
        "kind": "suggestion",
    }
    values.update(fields)
    page = ReplyPage(title=title, issued_on=day, topic="suggestions", **values)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_index_numbers_count_up_per_year_from_the_organisation_code(column):
    catalogue = column["disclosure/catalogue"]
    first = _record(catalogue, "甲", dt.date(2024, 3, 1))
    second = _record(catalogue, "乙", dt.date(2024, 9, 1))
    reply = _reply(column["disclosure/replies"], "丙", dt.date(2024, 10, 1))
    other_year = _record(catalogue, "丁", dt.date(2025, 1, 5))
    assert first.index_number == f"{CODE}/2024-00001"
    assert second.index_number == f"{CODE}/2024-00002"
    # Replies are records of the same catalogue: they share the sequence.
    assert reply.index_number == f"{CODE}/2024-00003"
    assert other_year.index_number == f"{CODE}/2025-00001"
    # A new revision keeps the number.
    first.title = "甲（修订）"
    first.save_revision().publish()
    first.refresh_from_db()
    assert first.index_number == f"{CODE}/2024-00001"


def test_no_index_number_until_the_column_has_an_organisation_code(home):
    from knowledge import setup

    found = setup.sections(home)
    page = _record(found["disclosure/catalogue"], "甲", dt.date(2024, 3, 1))
    assert page.index_number == ""


def test_a_typed_index_number_must_follow_the_format_and_be_unique(column):
    from knowledge.models import DisclosureRecordPage

    existing = _record(column["disclosure/catalogue"], "甲", dt.date(2024, 3, 1))
    bad = DisclosureRecordPage(title="乙", slug="b", index_number="2024-12")
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "index_number" in error.value.message_dict
    clash = DisclosureRecordPage(title="丙", slug="c", index_number=existing.index_number)
    with pytest.raises(ValidationError):
        clash.clean()
    fine = DisclosureRecordPage(title="丁", slug="d", index_number=f"{CODE.lower()}/2023-00007")
    fine.clean()
    assert fine.index_number == f"{CODE}/2023-00007"


def test_catalogue_lists_every_record_of_the_column_and_filters_by_topic_and_year(client, column):
    catalogue = column["disclosure/catalogue"]
    _record(catalogue, "部门预算公开", dt.date(2025, 2, 18), topic="finance")
    _record(catalogue, "权责清单公开", dt.date(2024, 6, 5), topic="enforcement")
    _reply(column["disclosure/replies"], "关于某建议的答复", dt.date(2025, 6, 1))

    html = client.get(catalogue.url).content.decode()
    assert "部门预算公开" in html and "权责清单公开" in html and "关于某建议的答复" in html
    assert f"{CODE}/2025-00001" in html

    html = client.get(catalogue.url, {"topic": "finance"}).content.decode()
    assert "部门预算公开" in html and "权责清单公开" not in html

    html = client.get(catalogue.url, {"year": "2024"}).content.decode()
    assert "权责清单公开" in html and "部门预算公开" not in html and "关于某建议的答复" not in html

    # A bad filter value is reported, never a 500.
    response = client.get(catalogue.url, {"year": "abc", "topic": "nonsense"})
    assert response.status_code == 200


def test_replies_filter_by_year_and_kind(client, column):
    replies = column["disclosure/replies"]
    _reply(replies, "关于防汛的建议的答复", dt.date(2025, 6, 1), kind="suggestion")
    _reply(
        replies,
        "关于避难场所的提案的答复",
        dt.date(2024, 7, 2),
        kind="proposal",
        session="市政协十五届三次会议",
        disclosure_mode="summary",
    )
    html = client.get(replies.url).content.decode()
    assert "关于防汛的建议的答复" in html and "关于避难场所的提案的答复" in html
    html = client.get(replies.url, {"kind": "proposal"}).content.decode()
    assert "关于避难场所的提案的答复" in html and "关于防汛的建议的答复" not in html
    assert "摘要公开" in html
    html = client.get(replies.url, {"year": "2025"}).content.decode()
    assert "关于防汛的建议的答复" in html and "关于避难场所的提案的答复" not in html
    html = client.get(replies.url, {"session": "市政协十五届三次会议"}).content.decode()
    assert "关于避难场所的提案的答复" in html and "关于防汛的建议的答复" not in html


def test_annual_report_tables_compute_their_totals(column):
    from knowledge.models.disclosure_reports import requests_rows

    value = {
        "new_person": 14,
        "new_organisation": 3,
        "disclosed_person": 6,
        "disclosed_organisation": 1,
        "unavailable_person": 4,
        "unavailable_organisation": 2,
    }
    rows = requests_rows(value)
    assert rows[0][1] == [14, 3, 17]  # 一、本年新收申请数量
    assert rows[2] == (rows[2][0], None, True)  # 三、本年度办理结果 (a heading row)
    total = rows[-2]
    assert "7" in str(total[0]) or "七" in str(total[0])
    assert total[1] == [10, 3, 13]  # （七）总计 of the outcomes
    assert rows[-1][1] == [0, 0, 0]  # 四、结转下年度继续办理


def test_demo_column_is_complete_and_public(client, demo):
    from knowledge.models import (
        AnnualReportPage,
        DisclosureGuidePage,
        DisclosureIndexPage,
        DisclosureRecordPage,
        ReplyPage,
    )

    column = DisclosureIndexPage.objects.live().get()
    assert column.show_in_menus
    assert DisclosureGuidePage.objects.live().count() == 1
    assert DisclosureRecordPage.objects.live().count() >= 10
    numbers = list(DisclosureRecordPage.objects.values_list("index_number", flat=True))
    assert len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"[0-9A-Z]{18}/\d{4}-\d{5}", n) for n in numbers), numbers

    report = AnnualReportPage.objects.live().get(report_year=2025)
    assert report.title == "郑州市应急管理局2025年政府信息公开工作年度报告"
    html = client.get(report.url).content.decode()
    for heading in ("主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议"):
        assert heading in html
    assert "<td>17</td>" in html  # 14 + 3 new requests, computed

    wang = ReplyPage.objects.live().get(proposer="王永军")
    assert wang.issued_on == dt.date(2021, 7, 9)
    # Online since the day it was issued, not since the demo was loaded.
    assert timezone.localtime(wang.first_published_at).date() == dt.date(2021, 7, 9)
    assert wang.session == "市十五届人大四次会议"
    assert "关于由疫情防控带来的几点思考的建议" in wang.title
    html = client.get(wang.url).content.decode()
    assert "2021年7月9日" in html
    for fact in ("大应急", "数字郑州·应急", "8个议事协调机构"):
        assert fact in html
    assert ReplyPage.objects.live().count() >= 3

    home_html = client.get("/").content.decode()
    assert f'href="{column.url}"' in home_html  # in the main navigation
    sitemap = client.get("/sitemap.xml").content.decode()
    assert wang.url in sitemap and report.url in sitemap


def test_disclosure_pages_are_search_sources(column):
    from knowledge.models import AnnualReportPage, DisclosureRecordPage, ReplyPage
    from search.indexing import sources_for

    record = _record(column["disclosure/catalogue"], "部门预算公开", dt.date(2025, 2, 18))
    reply = _reply(column["disclosure/replies"], "关于某建议的答复", dt.date(2025, 6, 1))
    record_sources = sources_for(DisclosureRecordPage)
    assert [s.name for s in record_sources] == ["knowledge.disclosure_record"]
    # A reply is indexed once, by its own source, not again as a plain record.
    indexed = [s.name for s in sources_for(ReplyPage) if s.should_index(reply)]
    assert indexed == ["knowledge.reply"]
    document = record_sources[0].to_document(record)
    assert record.index_number in document.body
    assert document.date == dt.date(2025, 2, 18)
    assert sources_for(AnnualReportPage)
