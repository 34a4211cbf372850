"""The holiday calendar: the built-in State Council notices, archived rows, the warning
when next year's calendar is missing, and manage.py import_holidays."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from accountability import holiday_data, holidays
from accountability import models as m
from accountability.models.workingdays import add_working_days, is_working_day

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_notices_adjusted_days_are_weekends_and_holidays_cover_their_festivals():
    for year in holiday_data.NOTICES:
        days = holiday_data.days(year)
        assert len({d for d, _w, _n in days}) == len(days)  # no date twice
        for day, workday, name in days:
            assert day.year == year
            if workday:
                assert day.weekday() >= 5, (day, name)  # 调休 is always a weekend day worked
    by_day = {d: w for d, w, _n in holiday_data.days(2026)}
    # 国办发明电〔2025〕7号: 国庆 1-7 October, worked on Sunday 20 September and Saturday 10 October.
    assert all(by_day[D(2026, 10, n)] is False for n in range(1, 8))
    assert by_day[D(2026, 9, 20)] and by_day[D(2026, 10, 10)]
    assert sum(1 for w in by_day.values() if not w) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    by_day = {d: w for d, w, _n in holiday_data.days(2025)}
    assert by_day[D(2025, 1, 26)] and by_day[D(2025, 2, 8)] and not by_day[D(2025, 2, 4)]
    assert not by_day[D(2025, 10, 8)] and by_day[D(2025, 10, 11)]


def test_archived_rows_stop_counting():
    holidays.load_notice(2026)
    assert add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)
    # A wrong row, archived by an editor, no longer moves deadlines.
    m.CalendarDay.objects.filter(date=D(2026, 10, 10)).update(archived=True)
    assert not is_working_day(D(2026, 10, 10))
    assert add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 14)
    m.CalendarDay.objects.filter(date=D(2026, 10, 5)).update(archived=True)
    assert is_working_day(D(2026, 10, 5))


def test_load_notice_keeps_corrections_and_archived_rows():
    holidays.load_notice(2026)
    m.CalendarDay.objects.filter(date=D(2026, 10, 10)).update(archived=True, name="更正")
    assert holidays.load_notice(2026) == 0
    row = m.CalendarDay.objects.get(date=D(2026, 10, 10))
    assert row.archived and row.name == "更正"


def test_warning_from_1_november_when_next_year_is_missing():
    holidays.load_notice(2026)
    assert holidays.next_year_warning(D(2026, 10, 31)) is None
    message = holidays.next_year_warning(D(2026, 11, 1))
    assert message and "2027" in message and "春节" in message and "国庆节" in message
    # A lone 元旦 row, as the demo once had, is not a calendar.
    m.CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    assert holidays.next_year_warning(D(2026, 12, 20))
    m.CalendarDay.objects.create(date=D(2027, 2, 8), is_workday=False, name="春节")
    october = m.CalendarDay.objects.create(date=D(2027, 10, 1), is_workday=False, name="国庆节")
    assert holidays.next_year_warning(D(2026, 12, 20)) is None
    october.archived = True
    october.save()
    assert "国庆节" in holidays.next_year_warning(D(2026, 12, 20))


def test_daily_check_notifies_the_calendar_keepers_once_a_week(django_user_model):
    from notifications.models import Notification

    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    django_user_model.objects.create_user("nobody", "n@example.org", "x")
    assert holidays.check_next_year(D(2026, 10, 20)) == 0
    assert holidays.check_next_year(D(2026, 11, 2)) == 1
    assert holidays.check_next_year(D(2026, 11, 3)) == 0  # same week: not again
    assert holidays.check_next_year(D(2026, 11, 9)) == 1
    assert set(Notification.objects.values_list("user__username", flat=True)) == {admin.username}
    assert "2027" in Notification.objects.first().title


def test_the_check_is_a_scheduled_job():
    from accountability.schedules import SCHEDULES

    assert any(s["func"] == "accountability.tasks.holiday_calendar_check" for s in SCHEDULES)


def test_dashboard_shows_the_warning(client, django_user_model, monkeypatch):
    from django.urls import reverse

    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(user)
    url = reverse("accountability_dashboard")
    monkeypatch.setattr(holidays.timezone, "localdate", lambda: D(2026, 11, 5))
    page = client.get(url).content.decode()
    assert "data-holiday-warning" in page and "2027年的节假日日历尚未录入" in page
    monkeypatch.setattr(holidays.timezone, "localdate", lambda: D(2026, 10, 5))
    assert "data-holiday-warning" not in client.get(url).content.decode()


def _csv(path, text):
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


def test_import_holidays_from_csv_with_chinese_columns_and_dates(tmp_path):
    path = _csv(
        tmp_path / "2027.csv",
        "日期,类型,名称\n2027-01-01,放假,元旦\n2027/2/6,调休上班,春节调休\n"
        "2027年2月8日,放假,春节\n2027-10-01,放假,国庆节\n",
    )
    out = io.StringIO()
    call_command("import_holidays", path, "--dry-run", stdout=out)
    assert "共4天：放假3天，调休上班1天" in out.getvalue()
    assert not m.CalendarDay.objects.exists()
    call_command("import_holidays", path, stdout=out)
    assert m.CalendarDay.objects.get(date=D(2027, 2, 6)).is_workday
    assert m.CalendarDay.objects.get(date=D(2027, 2, 8)).name == "春节"
    assert holidays.missing_festivals(2027) == []


def test_import_holidays_reactivates_an_archived_row_from_xlsx(tmp_path):
    m.CalendarDay.objects.create(date=D(2027, 10, 1), is_workday=True, name="错", archived=True)
    book = Workbook()
    book.active.append(["日期", "类型", "名称"])
    book.active.append([dt.datetime(2027, 10, 1), "放假", "国庆节"])
    book.save(tmp_path / "h.xlsx")
    call_command("import_holidays", str(tmp_path / "h.xlsx"), stdout=io.StringIO())
    row = m.CalendarDay.objects.get(date=D(2027, 10, 1))
    assert (row.is_workday, row.archived, row.name) == (False, False, "国庆节")


def test_import_holidays_reports_every_bad_row_in_chinese_and_saves_nothing(tmp_path):
    path = _csv(
        tmp_path / "bad.csv",
        "日期,类型,名称\n2027-01-01,放假,元旦\n2027-13-01,放假,坏日期\n"
        '2027-01-01,放假,重复\n2027-02-06,休假吧,"多行\n名称"\n',
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_holidays", path, stderr=err, stdout=io.StringIO())
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("第3行：日期“2027-13-01”不是有效日期")
    assert lines[1] == "第4行：该日期已在第2行出现"
    # The quoted cell spans two lines of the file, but it is spreadsheet row 5.
    assert lines[2].startswith("第5行：类型“休假吧”应为“放假”或“调休上班”")
    assert "共4行，其中3行有错误" in str(excinfo.value)
    assert not m.CalendarDay.objects.exists()


def test_import_holidays_refuses_a_file_without_the_columns(tmp_path):
    with pytest.raises(CommandError, match="缺少列：日期、类型"):
        call_command("import_holidays", _csv(tmp_path / "x.csv", "day,what\n1,2\n"))
    with pytest.raises(CommandError, match="请使用 .csv 或 .xlsx 文件"):
        call_command("import_holidays", _csv(tmp_path / "x.txt", "日期\n"))
