"""Every link the tracker shows a role opens for that role (issue #17): reminders, the
dashboard and the record pages send readers to read-only views, never to an edit form
that answers "no permission"; the checklist page shows its items; the dossier form picks
an enterprise by name."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accountability import models as m
from accountability.factories import HazardFactory, SupervisionCaseFactory
from accountability.report_kinds.documents import EnterpriseDossier, picked_code
from accountability.services.reminders import scan
from notifications.models import Notification

TODAY = timezone.localdate()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def overdue(world):
    hazard = HazardFactory(
        enterprise=world.own_traffic, title="站台护栏缺失",
        notified_on=TODAY - dt.timedelta(days=40), status=m.Hazard.NOTIFIED,
    )  # fmt: skip
    case = SupervisionCaseFactory(
        enterprise=world.own_traffic, listed_on=TODAY - dt.timedelta(days=60), period_days=30
    )
    return hazard, case


def test_every_reminder_opens_for_its_recipient(world, overdue):
    scan()
    sent = list(Notification.objects.exclude(url="").select_related("user"))
    assert {n.user.username for n in sent} >= {"district", "department", "city"}
    for note in sent:
        response = _client(note.user).get(note.url)
        assert response.status_code == 200, (note.user.username, note.url, response.status_code)


def test_department_reminder_of_a_case_it_only_reads_is_the_read_only_view(world, overdue):
    _hazard, case = overdue
    scan()
    notes = Notification.objects.filter(user=world.users["department"], key__contains="case:")
    assert notes and all("/inspect/" in n.url for n in notes)
    assert str(case.pk) in notes[0].url


def test_auditor_dashboard_and_record_pages_link_read_only_views(world, overdue):
    HazardFactory(
        enterprise=world.own_traffic,
        title="候车厅灭火器过期",
        notified_on=TODAY - dt.timedelta(days=25),
        status=m.Hazard.NOTIFIED,
    )  # fmt: skip  (due in 5 days: listed under the dashboard's deadlines)
    auditor = _client(world.users["auditor"])
    dashboard = auditor.get("/admin/accountability/").content.decode()
    assert "/inspect/" in dashboard and "/edit/" not in dashboard
    page = auditor.get(f"/admin/accountability_enterprise/inspect/{world.own_traffic.pk}/")
    html = page.content.decode()
    assert "/inspect/" in html and "_hazard/edit/" not in html and "case/edit/" not in html


def test_lists_link_records_a_user_cannot_change_to_their_read_only_view(world):
    district = _client(world.users["district"])
    html = district.get("/admin/accountability_jurisdiction/").content.decode()
    assert f"/admin/accountability_jurisdiction/edit/{world.city.pk}/" not in html


def test_checklist_detail_page_lists_its_items(world):
    checklist = m.Checklist.objects.create(
        title="安全发展示范城市对标清单", kind=m.Checklist.KIND_CHOICES[0][0],
        year=TODAY.year, jurisdiction=world.jinshui,
    )  # fmt: skip
    m.ChecklistItem.objects.create(
        checklist=checklist, standard="城市安全源头治理", title="完成化工园区风险评估",
        owner="市应急管理局", status=m.ChecklistItem.DONE,
    )  # fmt: skip
    html = (
        _client(world.users["city"])
        .get(f"/admin/accountability_checklist/inspect/{checklist.pk}/")
        .content.decode()
    )
    assert "完成化工园区风险评估" in html and "城市安全源头治理" in html and "1/1" in html


def test_dossier_form_picks_the_enterprise_by_name(world):
    kind = EnterpriseDossier()
    field = kind.form_fields(world.users["district"])["credit_code"]
    html = field.widget.render("credit_code", "")
    assert "<datalist" in html and world.own.name in html
    assert world.other.name not in html  # another district's enterprise is not offered
    picked = f"{world.own.name}（{world.own.credit_code}）"
    assert picked_code(picked) == world.own.credit_code
    assert kind.clean_params({"credit_code": world.own.name}) == {
        "credit_code": world.own.credit_code
    }
