"""Finding 9: the audit trail names who acted as text (kept when the account goes),
names the operator of command-line imports, and reads in Chinese and Beijing time."""

import datetime as dt
import getpass
import importlib

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from accountability import models as m
from accountability.creditcode import make_code
from accountability.factories import HazardFactory, make_staff
from accountability.services import roles
from accountability.services.audit import as_user, describe_changes


def test_entry_keeps_name_after_user_is_deleted(world):
    user = make_staff("temp_officer", roles.DISTRICT, world.jinshui)
    user.first_name, user.last_name = "晓明", "王"
    user.save()
    with as_user(user):
        hazard = HazardFactory(enterprise=world.own, title="临时隐患")
    entry = m.AuditEntry.objects.get(model="accountability.Hazard", object_id=str(hazard.pk))
    assert (entry.username, entry.user_display) == ("temp_officer", "晓明 王")
    m.StaffProfile.objects.filter(user=user).delete()
    user.delete()
    entry = m.AuditEntry.objects.get(pk=entry.pk)
    assert entry.user is None
    assert entry.actor == "晓明 王（temp_officer）"


def test_system_job_is_named_as_such(world):
    hazard = HazardFactory(enterprise=world.own)
    entry = m.AuditEntry.objects.get(model="accountability.Hazard", object_id=str(hazard.pk))
    assert entry.username == "" and str(entry.actor) in ("系统任务", "system job")


def test_migration_backfills_existing_entries(world):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = importlib.import_module("accountability.migrations.0012_audit_actor_text")
    state = MigrationExecutor(connection).loader.project_state(
        ("accountability", "0012_audit_actor_text")
    )

    user = world.users["district"]
    with as_user(user):
        hazard = HazardFactory(enterprise=world.own)
    entry = m.AuditEntry.objects.get(model="accountability.Hazard", object_id=str(hazard.pk))
    # An entry written before the columns existed: blank them as the old schema had them.
    state.apps.get_model("accountability", "AuditEntry").objects.filter(pk=entry.pk).update(
        username="", user_display=""
    )
    migration.backfill(state.apps, None)
    entry = m.AuditEntry.objects.get(pk=entry.pk)
    assert entry.username == "district" and entry.user_display == "district"


def _workbook(tmp_path, world):
    wb = Workbook()
    ws = wb.active
    ws.append(["企业名称", "统一社会信用代码", "行业", "所属区县", "风险等级"])
    ws.append(
        ["命令行导入企业", make_code("91410105MC1234567"), world.chem.name, "金水区", "低风险"]
    )
    path = tmp_path / "enterprises.xlsx"
    wb.save(path)
    return path


def _import_entry():
    e = m.Enterprise.objects.get(name="命令行导入企业")
    return m.AuditEntry.objects.get(
        model="accountability.Enterprise", object_id=str(e.pk), action="create"
    )


def test_import_command_records_by_user(tmp_path, world):
    call_command("import_enterprises", str(_workbook(tmp_path, world)), by="city")
    entry = _import_entry()
    assert entry.user == world.users["city"] and entry.username == "city"


def test_import_command_records_operating_system_user(tmp_path, world):
    call_command("import_enterprises", str(_workbook(tmp_path, world)))
    entry = _import_entry()
    assert entry.username == getpass.getuser()
    # The test world has an account named like the usual CI user ("root"): then it is used.
    assert (
        entry.user
        == m.AuditEntry.user.field.related_model.objects.filter(username=getpass.getuser()).first()
    )


def test_import_command_records_unknown_operator_by_name(tmp_path, world):
    call_command("import_enterprises", str(_workbook(tmp_path, world)), by="值班员李")
    entry = _import_entry()
    assert entry.user is None and entry.actor == "值班员李"


@pytest.fixture
def changed_hazard(world):
    hazard = HazardFactory(enterprise=world.own, title="消防通道堵塞", level="general")
    late = timezone.make_aware(dt.datetime(2026, 5, 12, 23, 30), dt.UTC)  # 07:30 next day
    with as_user(world.users["district"]):
        hazard.level = "major"
        hazard.enterprise = world.own_traffic
        hazard.deadline = dt.date(2026, 6, 1)
        hazard.save()
    entry = m.AuditEntry.objects.filter(
        model="accountability.Hazard", object_id=str(hazard.pk), action="update"
    ).first()
    m.AuditEntry._base_manager.filter(pk=entry.pk).update(at=late)
    return m.AuditEntry.objects.get(pk=entry.pk)


def test_changes_described_with_labels_and_choice_names(changed_hazard, world, settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        rows = {r["label"]: r for r in describe_changes(changed_hazard)}
    level = next(r for label, r in rows.items() if "等级" in label or "级别" in label)
    assert "major" not in level["after"] and "general" not in level["before"]
    enterprise = next(r for label, r in rows.items() if "企业" in label)
    assert (enterprise["before"], enterprise["after"]) == (world.own.name, world.own_traffic.name)
    assert any(r["after"] == "2026年6月1日" for r in rows.values()), rows


def test_detail_page_in_chinese_and_beijing_time(client, changed_hazard, world):
    client.force_login(world.users["city"])
    r = client.get(
        reverse("accountability_auditentry:inspect", args=[changed_hazard.pk]),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "2026年5月13日 07:30" in body
    assert "变更前" in body and "金水化工" in body and "→" in body
    assert "{" not in body.split('id="audit-changes"')[1].split("</table>")[0]
    assert "district" in body


def test_export_in_beijing_time(client, changed_hazard, world):
    client.force_login(world.users["city"])
    r = client.get(reverse("accountability_auditentry:index") + "?export=csv")
    body = b"".join(r.streaming_content).decode()
    assert "2026年5月13日 07:30" in body  # dates as people write them (the default)
    assert "+00:00" not in body
    r = client.get(reverse("accountability_auditentry:index") + "?export=csv&dates=iso")
    body = b"".join(r.streaming_content).decode()
    assert "2026-05-13 07:30" in body
    assert "+00:00" not in body
