"""The emergency banner shows inside its time window, most severe first, and never outside."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.core.models import AlertBanner, AlertLevel

pytestmark = pytest.mark.django_db


def _banner(**kwargs):
    now = timezone.now()
    defaults = {
        "level": AlertLevel.ORANGE,
        "title": "暴雨橙色预警",
        "message": "请立即停止户外活动",
        "active_from": now - dt.timedelta(minutes=5),
        "active_to": now + dt.timedelta(hours=1),
    }
    defaults.update(kwargs)
    return AlertBanner.objects.create(**defaults)


def test_banner_appears_and_disappears_with_its_window(client, demo):
    banner = _banner()
    assert "暴雨橙色预警" in client.get("/").content.decode()
    banner.active_to = timezone.now() - dt.timedelta(seconds=1)
    banner.save()
    assert "暴雨橙色预警" not in client.get("/").content.decode()


def test_future_banner_is_not_shown_yet(client, demo):
    _banner(active_from=timezone.now() + dt.timedelta(hours=1), active_to=None)
    assert 'role="alert"' not in client.get("/").content.decode()


def test_switched_off_banner_is_hidden(client, demo):
    _banner(enabled=False)
    assert 'role="alert"' not in client.get("/").content.decode()


def test_most_severe_active_banner_wins(db):
    _banner(level=AlertLevel.BLUE, title="蓝色")
    _banner(level=AlertLevel.RED, title="红色")
    _banner(level=AlertLevel.YELLOW, title="黄色")
    assert AlertBanner.objects.current().title == "红色"


def test_next_change_is_the_nearest_start_or_end(db):
    now = timezone.now()
    _banner(active_from=now - dt.timedelta(hours=1), active_to=now + dt.timedelta(hours=2))
    _banner(active_from=now + dt.timedelta(minutes=30), active_to=None)
    change = AlertBanner.objects.next_change(now)
    assert abs((change - (now + dt.timedelta(minutes=30))).total_seconds()) < 1


def test_end_before_start_is_rejected(db):
    now = timezone.now()
    banner = AlertBanner(
        title="x", message="y", active_from=now, active_to=now - dt.timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        banner.full_clean()
    assert "active_to" in error.value.message_dict
