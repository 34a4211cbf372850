import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection

from notifications.models import Notification
from notifications.notify import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def users():
    User = get_user_model()
    return [
        User.objects.create_user("zhang", "zhang@example.cn", "pw"),
        User.objects.create_user("li", "li@example.cn", "pw"),
        User.objects.create_user("wang", "", "pw"),
    ]


def test_notify_creates_notification_and_email(users):
    created = notify(users, "整改期限还有7天", "请尽快完成整改。", url="/admin/x/", key="d:1:7")
    assert len(created) == 3
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 2  # wang has no address
    message = mail.outbox[0]
    assert "整改期限还有7天" in message.subject
    assert "请尽快完成整改。" in message.body
    assert "http://" in message.body and "/admin/x/" in message.body


def test_same_key_is_never_sent_twice(users):
    notify(users, "逾期提醒", key="d:1:overdue")
    again = notify(users, "逾期提醒", key="d:1:overdue")
    assert again == []
    assert Notification.objects.filter(key="d:1:overdue").count() == 3
    assert len(mail.outbox) == 2


def test_without_key_every_call_notifies(users):
    notify(users[:1], "一")
    notify(users[:1], "一")
    assert Notification.objects.filter(user=users[0]).count() == 2


def test_failed_email_is_retried_by_the_next_call(users, settings, monkeypatch):
    from notifications import notify as module

    def broken(*args, **kwargs):
        raise OSError("SMTP 服务器不可达")

    monkeypatch.setattr(module, "send_mail", broken)
    notify(users[:1], "提醒", key="k1")
    n = Notification.objects.get(key="k1")
    assert n.emailed_at is None and "SMTP" in n.email_error
    monkeypatch.undo()
    notify(users[:1], "提醒", key="k1")
    n.refresh_from_db()
    assert n.emailed_at is not None and n.email_error == ""
    assert len(mail.outbox) == 1
    notify(users[:1], "提醒", key="k1")
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_notify_creates_one(users):
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("in-memory SQLite is one connection per thread without shared data")
    errors = []

    def run():
        try:
            notify(users[:1], "并发提醒", key="race")
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Notification.objects.filter(key="race").count() == 1
    assert len(mail.outbox) == 1
