"""Small pieces behind the Chinese admin (issue #17), without the demo site: how values,
titles, save messages and chart figures print."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from portal.core.admin_display import display_value, header_title


def test_values_print_as_a_chinese_reader_expects():
    with translation.override("zh-hans"):
        assert display_value(True) == "是"
        assert display_value(False) == "否"
        assert display_value(None) == "—"
        instant = dt.datetime(2026, 5, 11, 22, 17, tzinfo=dt.UTC)  # 06:17 in Beijing
        assert display_value(instant) == "2026年5月12日 06:17"
        assert display_value(dt.date(2026, 5, 12)) == "2026年5月12日"
        assert display_value("郑州市") == "郑州市"


def test_header_titles_use_the_full_width_colon():
    with translation.override("zh-hans"):
        assert header_title("正在编辑", "郑州化工") == "正在编辑：郑州化工"
        assert header_title("企业", "") == "企业"
    with translation.override("en"):
        assert header_title("Editing", "Zhengzhou") == "Editing: Zhengzhou"


def test_wagtail_views_title_pages_with_the_full_width_colon():
    from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

    view = WagtailAdminTemplateMixin()
    view.page_title, view.page_subtitle = "新增", "企业"
    with translation.override("zh-hans"):
        assert view.get_header_title() == "新增：企业"


@pytest.mark.parametrize(
    "msgid",
    [
        "%(model_name)s '%(object)s' updated.",
        "%(model_name)s '%(object)s' created.",
        "Page '%(page_title)s' has been updated.",
        "Page '%(page_title)s' created.",
        "Document '%(document_title)s' updated",
    ],
)
def test_save_messages_use_chinese_quotes(msgid):
    with translation.override("zh-hans"):
        text = translation.gettext(msgid)
    assert text != msgid
    assert "'" not in text and '"' not in text and "“" in text


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Inspect", "查看"),
        ("Sign in to Wagtail", "登录应急管理局管理后台"),
        ("Shortcuts", "快捷键"),
        ("Search all pages…", "搜索全部页面…"),
        ("Go to the first error", "跳到第一处错误"),
        ("Save your changes before leaving", "离开前请先保存修改"),
        ("No %(model_name)s match your query.", "没有符合条件的%(model_name)s。"),
    ],
)
def test_wagtail_strings_its_catalogue_lacks(msgid, expected):
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) == expected


def test_count_axes_get_whole_number_ticks_and_separators():
    from portal.core.charts import bar_chart, line_chart
    from portal.core.charts import number as _figure
    from portal.core.charts import ticks_for as _ticks

    assert _ticks(1) == 1  # an all-zero series: 0 and 1, never 0.25 steps
    assert _ticks(5) == 5 and _ticks(50) == 5
    assert _figure(12345) == "12,345" and _figure(0.5) == "0.5"
    chart = str(line_chart(["1月", "2月"], [("隐患", [0, 0])]))
    assert "0.25" not in chart and "0.5" not in chart
    assert ">12,345<" in str(bar_chart([("金水区", 12345)]))


def test_district_chart_leaves_citywide_out():
    from campaigns.services.stats import Row, district_chart_rows

    rows = [Row("citywide", "全市", 900000, 3), Row("jinshui", "金水区", 1200, 2)]
    assert [r.key for r in district_chart_rows(rows)] == ["jinshui"]


def test_schedules_have_chinese_labels(db):
    from portal.core.scheduling import labels

    with translation.override("zh-hans"):
        names = {name: str(label) for name, label in labels().items()}
    assert names["accountability: daily deadline scan"] == "每日期限检查和提醒"
    assert all(not label.isascii() for label in names.values()), names


def test_localtime_is_beijing():
    assert str(timezone.get_current_timezone()) == "Asia/Shanghai"
