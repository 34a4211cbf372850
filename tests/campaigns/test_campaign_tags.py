"""The campaign template tags: activity times in Beijing time, remembered per language
and time zone."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone, translation

from campaigns.templatetags.campaign_tags import activity_times

UTC = dt.UTC


def _activity(start, hours):
    return SimpleNamespace(start=start, end=start + dt.timedelta(hours=hours))


def test_times_print_in_the_active_language_and_time_zone_each_time():
    # 01:30 UTC is 09:30 in Beijing: the same day there.
    same_day = _activity(dt.datetime(2026, 5, 12, 1, 30, tzinfo=UTC), 2)
    with timezone.override("Asia/Shanghai"):
        with translation.override("zh-hans"):
            chinese = activity_times(same_day)
            assert activity_times(same_day) == chinese
        with translation.override("en"):
            english = activity_times(same_day)
        with translation.override("zh-hans"):
            assert activity_times(same_day) == chinese
    assert "2026年5月12日" in chinese and ">11:30</time>" in chinese
    assert 'datetime="2026-05-12T09:30:00+0800"' in chinese
    assert "2026年" not in english and "May" in english
    # The same instant in another zone is another text, not the one remembered.
    with timezone.override("UTC"), translation.override("zh-hans"):
        utc = activity_times(same_day)
    assert 'datetime="2026-05-12T01:30:00+0000"' in utc and ">03:30</time>" in utc


def test_an_activity_over_two_days_prints_the_end_date():
    overnight = _activity(dt.datetime(2026, 6, 1, 12, 0, tzinfo=UTC), 14)
    with timezone.override("Asia/Shanghai"), translation.override("zh-hans"):
        html = activity_times(overnight)
    assert html.count("2026年6月") == 2 and "6月2日" in html
