"""三员分立 roles with least privilege, the security event log (what it records, who reads
it, that nobody deletes it) and its retention job."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from portal.security.models import AdminRole, EventKind, SecurityEvent
from portal.security.tasks import purge_security_events

from .conftest import STRONG

pytestmark = pytest.mark.django_db


def _member(django_user_model, code):
    user = django_user_model.objects.create_user(f"u_{code}", password=STRONG)
    user.groups.add(Group.objects.get(admin_role__code=code))
    return user


def test_three_roles_come_from_a_migration_with_stable_codes():
    roles = {role.code: role.group.name for role in AdminRole.objects.select_related("group")}
    assert roles == {
        "system_admin": "系统管理员",
        "security_admin": "安全管理员",
        "audit_admin": "审计管理员",
    }
    for role in AdminRole.objects.all():
        codenames = set(role.group.permissions.values_list("codename", flat=True))
        assert not [c for c in codenames if c.startswith("delete_")], (role.code, codenames)


def test_nobody_can_be_given_the_right_to_change_or_delete_the_log():
    codenames = set(
        Permission.objects.filter(content_type__app_label="security").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_securityevent", "manage_lockouts"}


@pytest.mark.parametrize(
    ("code", "allowed", "refused"),
    [
        (
            "audit_admin",
            ["/admin/security/log/"],
            ["/admin/users/", "/admin/groups/", "/admin/security/lockouts/", "/admin/sites/"],
        ),
        (
            "security_admin",
            ["/admin/users/", "/admin/groups/", "/admin/security/lockouts/"],
            ["/admin/security/log/", "/admin/sites/"],
        ),
        (
            "system_admin",
            ["/admin/sites/", "/admin/settings/core/bureausettings/"],
            ["/admin/users/", "/admin/security/log/", "/admin/security/lockouts/"],
        ),
    ],
)
def test_each_role_reaches_only_its_own_pages(client, django_user_model, code, allowed, refused):
    client.force_login(_member(django_user_model, code))
    for url in allowed:
        response = client.get(url, follow=True)
        assert response.status_code == 200 and response.redirect_chain[-1:] != [("/admin/", 302)], (
            url
        )
    for url in refused:
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        if response.status_code == 302:
            assert (
                response["Location"] in ("/admin/", "/admin/login/")
                or "login" in response["Location"]
            )


def test_the_audit_admin_reads_the_log_in_shanghai_time(client, django_user_model):
    SecurityEvent.objects.create(
        kind=EventKind.LOGIN_FAILED,
        username="city_supervisor",
        ip_address="198.51.100.4",
        at=dt.datetime(2026, 5, 12, 2, 0, tzinfo=dt.UTC),
    )
    client.force_login(_member(django_user_model, "audit_admin"))
    page = client.get(
        "/admin/security/log/?kind=login_failed&username=city", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "2026年5月12日 10:00:00" in page and "198.51.100.4" in page and "登录失败" in page
    assert "安全审计日志" in page


def test_logins_logouts_and_failures_are_recorded(client, chief):
    client.post("/admin/login/", {"username": "chief", "password": "nope"}, REMOTE_ADDR="10.5.5.5")
    client.post("/admin/login/", {"username": "chief", "password": STRONG}, REMOTE_ADDR="10.5.5.5")
    client.post("/admin/logout/", REMOTE_ADDR="10.5.5.5")
    kinds = list(
        SecurityEvent.objects.filter(username="chief")
        .order_by("pk")
        .values_list("kind", "ip_address")
    )
    assert kinds == [
        (EventKind.LOGIN_FAILED, "10.5.5.5"),
        (EventKind.LOGIN, "10.5.5.5"),
        (EventKind.LOGOUT, "10.5.5.5"),
    ]


def test_group_and_permission_changes_are_recorded_from_both_sides(django_user_model):
    user = django_user_model.objects.create_user("jinshui", password=STRONG)
    group = Group.objects.get(admin_role__code="audit_admin")
    permission = Permission.objects.get(codename="manage_lockouts")
    user.groups.add(group)
    group.user_set.remove(user)
    user.user_permissions.add(permission)
    group.permissions.add(permission)
    user.groups.add(group)
    user.groups.clear()
    events = list(SecurityEvent.objects.order_by("pk").values_list("kind", "username", "detail"))
    assert events == [
        (EventKind.GROUPS_CHANGED, "jinshui", "添加：审计管理员"),
        (EventKind.GROUPS_CHANGED, "jinshui", "移除：审计管理员"),
        (EventKind.USER_PERMISSIONS_CHANGED, "jinshui", "添加：security.manage_lockouts"),
        (
            EventKind.GROUP_PERMISSIONS_CHANGED,
            "",
            "用户组审计管理员：添加：security.manage_lockouts",
        ),
        (EventKind.GROUPS_CHANGED, "jinshui", "添加：审计管理员"),
        (EventKind.GROUPS_CHANGED, "jinshui", "清空（原为：审计管理员）"),
    ]
    user.is_superuser = True
    user.save()
    assert SecurityEvent.objects.filter(kind=EventKind.ACCOUNT_CHANGED, username="jinshui").exists()


def test_a_change_through_the_admin_names_who_made_it(client, chief, django_user_model):
    user = django_user_model.objects.create_user("jinshui", password=STRONG, email="j@example.cn")
    group = Group.objects.get(admin_role__code="audit_admin")
    client.force_login(chief)
    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "username": "jinshui",
            "email": "j@example.cn",
            "first_name": "金",
            "last_name": "水",
            "is_active": "on",
            "groups": [group.pk],
        },
        REMOTE_ADDR="10.6.6.6",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = SecurityEvent.objects.get(kind=EventKind.GROUPS_CHANGED)
    assert (event.username, event.actor, event.ip_address) == ("jinshui", "chief", "10.6.6.6")
    assert "审计管理员" in event.detail


def test_the_log_has_no_delete_in_any_admin(client, chief):
    event = SecurityEvent.objects.create(kind=EventKind.LOGIN, username="x")
    client.force_login(chief)
    assert client.get(f"/django-admin/security/securityevent/{event.pk}/delete/").status_code == 403
    assert client.post(
        "/django-admin/security/securityevent/",
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    ).status_code in (200, 302)
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_retention_job_keeps_180_days_at_least(settings):
    now = timezone.now()
    old = SecurityEvent.objects.create(kind=EventKind.LOGIN, at=now - dt.timedelta(days=181))
    recent = SecurityEvent.objects.create(kind=EventKind.LOGIN, at=now - dt.timedelta(days=179))
    settings.PORTAL_SECURITY_LOG_RETENTION_DAYS = 30  # a shorter setting cannot go below 180
    assert purge_security_events() == 1
    assert not SecurityEvent.objects.filter(pk=old.pk).exists()
    assert SecurityEvent.objects.filter(pk=recent.pk).exists()


def test_the_retention_job_is_scheduled():
    from portal.core.scheduling import collect

    entries = {entry["func"]: entry for entry in collect()}
    assert entries["portal.security.tasks.purge_security_events"]["schedule_type"] == "D"


def test_page_and_collection_permissions_of_a_group_are_recorded():
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group = Group.objects.get(admin_role__code="system_admin")
    root = Page.objects.get(depth=1)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    row = GroupPagePermission.objects.create(group=group, page=root, permission=publish)
    row.delete()
    add_doc = Permission.objects.get(codename="add_document")
    GroupCollectionPermission.objects.create(
        group=group, collection=Collection.get_first_root_node(), permission=add_doc
    )
    details = list(
        SecurityEvent.objects.filter(kind=EventKind.GROUP_PERMISSIONS_CHANGED)
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert details[0].startswith("用户组系统管理员：添加：wagtailcore.publish_page @ ")
    assert details[1].startswith("用户组系统管理员：移除：wagtailcore.publish_page @ ")
    assert "wagtaildocs.add_document" in details[2]


def test_control_characters_in_a_user_name_do_not_break_the_log():
    from portal.security import audit

    event = audit.record(EventKind.LOGIN_FAILED, username="chief\x00\x0b" + "x" * 300)
    event.refresh_from_db()
    assert event.username.startswith("chief??") and len(event.username) == 150
