"""Public tip-offs (举报线索): the model and its deadlines in working days, the transition
table (including the refused steps), scoping and the reporter's contact data, the public
form (Chinese field errors, anti-spam, rate limit, photos kept private) and the
receipt-code lookup (no leak of other reports or personal data)."""

import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from accountability import models as m
from accountability.models.workingdays import add_working_days
from accountability.services import tipoffs, workflow
from accountability.services.audit import history
from accountability.services.scoping import visible

FORM = reverse("accountability:tipoff")
LOOKUP = reverse("accountability:tipoff_status")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rate-limit counters live in the cache
    yield
    cache.clear()


def photo(name="p.jpg", size=(40, 30), fmt="JPEG", gps=False):
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    kwargs = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (34.0, 45.0, 0.0)}  # GPS IFD
        kwargs["exif"] = exif
    image.save(out, fmt, **kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def valid(**extra):
    data = {
        "description": "餐馆后厨走廊放了七八个液化气钢瓶，安全出口被纸箱堵住。",
        "district": "jinshui",
        "address": "金水区示例路21号",
        "enterprise_name": "",
        "contact_name": "",
        "contact_phone": "",
        "website": "",
    }
    data.update(extra)
    return data


def file(world, **extra):
    return tipoffs.file_tipoff(valid(**extra))


def district_of(world):
    return world.users["district"]


def erqi_supervisor():
    from accountability.factories import make_staff
    from accountability.services import roles

    return make_staff("erqi_sv", roles.DISTRICT, m.Jurisdiction.objects.get(code="erqi"))


# --- model and deadlines -----------------------------------------------------------------
def test_filing_keeps_only_a_digest_of_the_code_and_routes_to_the_district(world):
    tipoff, code = file(world, contact_phone="13800000000")
    assert re.fullmatch(f"[{tipoffs.ALPHABET}]{{12}}", code)
    assert tipoff.receipt_digest == tipoffs.digest(code) and code not in tipoff.receipt_digest
    assert tipoff.jurisdiction == world.jinshui
    assert tipoff.status == m.Tipoff.RECEIVED
    assert tipoffs.find_by_code(tipoffs.format_code(code).lower()) == tipoff
    assert tipoffs.find_by_code(code[:-1] + ("Z" if code[-1] != "Z" else "Y")) is None
    assert tipoff.reference.startswith("JB")


def test_deadlines_are_counted_in_working_days_across_a_holiday(world):
    # Friday 31 May 2030; Monday 3 June declared a holiday in the calendar.
    m.CalendarDay.objects.create(date=dt.date(2030, 6, 3), is_workday=False, name="端午节")
    tipoff = m.Tipoff(
        description="x" * 12,
        address="a",
        district="jinshui",
        jurisdiction=world.jinshui,
        receipt_digest="d1",
        received_on=dt.date(2030, 5, 31),
    )
    tipoff.save()
    assert tipoff.deadline == dt.date(2030, 6, 4)  # not Monday (holiday) but Tuesday
    assert tipoff.reply_due_on == add_working_days(dt.date(2030, 5, 31), 15)
    assert tipoff.reply_due_on == dt.date(2030, 6, 24)  # 15 working days, holiday skipped
    workflow.apply(tipoff, "accept", district_of(world), today=dt.date(2030, 6, 4))
    assert tipoff.deadline == dt.date(2030, 6, 11)  # verify within 5 working days


@override_settings(ACCOUNTABILITY_TIPOFF_DAYS={"accept": 2, "verify": 3, "reply": 10})
def test_deadlines_follow_the_settings(world):
    tipoff = m.Tipoff(description="x" * 12, address="a", district="jinshui",
                      jurisdiction=world.jinshui, receipt_digest="d2",
                      received_on=dt.date(2030, 5, 27))  # fmt: skip
    tipoff.save()
    assert tipoff.deadline == dt.date(2030, 5, 29)
    assert tipoff.reply_due_on == dt.date(2030, 6, 10)


# --- the transition table -------------------------------------------------------------------
def test_full_path_to_a_hazard_and_a_reply(world):
    tipoff, _code = file(world)
    user = district_of(world)
    workflow.apply(tipoff, "accept", user)
    assert tipoff.accepted_by == user and tipoff.accepted_on
    with pytest.raises(workflow.TransitionError, match="核查情况"):
        workflow.apply(tipoff, "verify", user)
    tipoff.findings = "现场核查属实。"
    workflow.apply(tipoff, "verify", user)
    with pytest.raises(workflow.TransitionError, match="企业"):
        workflow.apply(tipoff, "register", user)
    tipoff.enterprise = world.own
    workflow.apply(tipoff, "register", user)
    tipoff.refresh_from_db()
    hazard = tipoff.hazard
    assert hazard is not None and hazard.enterprise == world.own
    assert hazard.description == "现场核查属实。" and hazard.status == m.Hazard.FOUND
    assert tipoff.status == m.Tipoff.REGISTERED and tipoff.decided_on
    with pytest.raises(workflow.TransitionError, match="答复"):
        workflow.apply(tipoff, "reply", user)
    tipoff.public_reply = "已立案，责令整改。"
    workflow.apply(tipoff, "reply", user)
    assert tipoff.status == m.Tipoff.REPLIED and tipoff.replied_on
    assert not tipoff.is_overdue
    # Every step is attributed to the supervisor, with the status change as the note.
    notes = [e.note for e in history(tipoff).filter(user=user)]
    assert any("已受理" in n for n in notes) and any("已答复" in n for n in notes)
    assert history(hazard).first().user == user


def test_refused_steps(world):
    tipoff, _code = file(world)
    user = district_of(world)
    with pytest.raises(workflow.TransitionError, match="不能"):
        workflow.apply(tipoff, "reply", user)  # not from 待受理
    with pytest.raises(workflow.TransitionError, match="理由"):
        workflow.apply(tipoff, "refuse", user)  # 不予受理 needs a reason
    for role in ("auditor", "department"):
        with pytest.raises(workflow.TransitionError):
            workflow.apply(tipoff, "accept", world.users[role])
    with pytest.raises(workflow.TransitionError):
        workflow.apply(tipoff, "accept", erqi_supervisor())  # another district's report
    workflow.apply(tipoff, "accept", user)
    tipoff.findings = "不属实"
    workflow.apply(tipoff, "verify", user)
    with pytest.raises(workflow.TransitionError, match="理由"):
        workflow.apply(tipoff, "dismiss", user)
    workflow.apply(tipoff, "dismiss", user, reason="经核查不属于安全生产隐患")
    assert tipoff.status == m.Tipoff.DISMISSED and tipoff.hazard is None
    entry = history(tipoff).filter(note__contains="经核查不属于").first()
    assert entry is not None and entry.user == user
    assert [t.action for t in workflow.allowed_transitions(tipoff, world.users["auditor"])] == []


def test_contact_data_stays_out_of_the_audit_trail(world):
    tipoff, _code = file(world, contact_name="王女士", contact_phone="13800000009")
    for entry in history(tipoff):
        text = f"{entry.before} {entry.after}"
        assert "13800000009" not in text and "王女士" not in text
        assert tipoff.receipt_digest not in text


# --- scoping and contact data ------------------------------------------------------------
def test_scoping_and_who_reads_the_contact(world, client):
    tipoff, _code = file(world, contact_name="王女士", contact_phone="13800000009")
    other, _c = file(world, district="erqi")
    district = district_of(world)
    assert set(visible(district, m.Tipoff.objects.all())) == {tipoff}
    assert set(visible(world.users["department"], m.Tipoff.objects.all())) == set()
    assert set(visible(world.users["city"], m.Tipoff.objects.all())) == {tipoff, other}
    assert tipoffs.may_see_contact(district, tipoff)
    for role in ("city", "auditor", "department"):
        assert not tipoffs.may_see_contact(world.users[role], tipoff)
    assert not tipoffs.may_see_contact(erqi_supervisor(), tipoff)

    url = reverse("accountability_tipoff:inspect", args=[tipoff.pk])
    client.force_login(district)
    assert "13800000009" in client.get(url).content.decode()
    assert client.get(reverse("accountability_tipoff:inspect", args=[other.pk])).status_code == 404
    listing = client.get(reverse("accountability_tipoff:index")).content.decode()
    assert tipoff.reference in listing and other.reference not in listing
    for role in ("city", "auditor"):
        client.force_login(world.users[role])
        page = client.get(url)
        assert page.status_code == 200 and "13800000009" not in page.content.decode()


def test_admin_step_form_takes_the_fields_of_the_step(world, client):
    tipoff, _code = file(world)
    client.force_login(district_of(world))
    step = reverse("accountability_tipoff:step", args=[tipoff.pk])
    client.post(step, {"action": "accept"})
    client.post(step, {"action": "verify", "findings": "属实"})
    response = client.post(step, {"action": "register", "enterprise": world.other.pk})
    tipoff.refresh_from_db()
    assert tipoff.status == m.Tipoff.VERIFIED  # 二七区's enterprise is not a choice
    assert response.status_code == 302
    client.post(step, {"action": "register", "enterprise": world.own.pk})
    client.post(step, {"action": "reply", "public_reply": "已立案整改。"})
    tipoff.refresh_from_db()
    assert tipoff.status == m.Tipoff.REPLIED and tipoff.hazard.enterprise == world.own
    client.force_login(world.users["auditor"])
    fresh, _c = file(world)
    client.post(reverse("accountability_tipoff:step", args=[fresh.pk]), {"action": "accept"})
    fresh.refresh_from_db()
    assert fresh.status == m.Tipoff.RECEIVED


def test_overdue_tipoffs_reach_the_dashboard_and_the_reminders(world, client):
    tipoff, _code = file(world)
    late = dt.date.today() + dt.timedelta(days=30)
    assert tipoff in tipoffs.overdue(district_of(world), today=late)
    m.Tipoff.objects.filter(pk=tipoff.pk).update(deadline=dt.date(2020, 1, 2))
    client.force_login(district_of(world))
    page = client.get(reverse("accountability_dashboard")).content.decode()
    assert reverse("accountability_tipoff:index") + "?overdue=true" in page
    listing = client.get(reverse("accountability_tipoff:index") + "?overdue=true")
    assert tipoff.reference in listing.content.decode()
    sent = tipoffs.scan_overdue()
    assert sent >= 1
    assert tipoffs.scan_overdue() == 0  # de-duplicated
    from notifications.models import Notification

    users = set(Notification.objects.values_list("user__username", flat=True))
    assert "district" in users and "department" not in users


# --- the public form ---------------------------------------------------------------------
def test_public_form_files_a_report_and_shows_the_code(world, client):
    page = client.get(FORM)
    assert page.status_code == 200 and "安全生产举报" in page.content.decode()
    assert "csrfmiddlewaretoken" in page.content.decode()
    response = client.post(FORM, valid(photos=[photo()]))
    body = response.content.decode()
    assert response.status_code == 200 and "举报已收到" in body
    code = re.search(r'id="receipt-code">([A-Z0-9-]+)<', body).group(1)
    tipoff = tipoffs.find_by_code(code)
    assert tipoff is not None and tipoff.photos.count() == 1
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_bad_input_gets_chinese_field_errors(world, client):
    bad = valid(description="太短", district="nowhere", address="", contact_phone="12345")
    bad["photos"] = [SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")]
    response = client.post(FORM, bad)
    body = response.content.decode()
    assert response.status_code == 200
    for fragment in ("举报未提交", "请至少用10个字描述隐患情况。", "请从列表中选择区县。",
                     "请填写此项。", "请填写11位手机号码", "JPG、PNG或WebP"):  # fmt: skip
        assert fragment in body, fragment
    assert m.Tipoff.objects.count() == 0
    many = valid(photos=[photo(f"{i}.jpg") for i in range(4)])
    assert "最多上传3张" in client.post(FORM, many).content.decode()


def test_honeypot_refuses_robots(world, client):
    response = client.post(FORM, valid(website="http://spam.example"))
    assert response.status_code == 200 and m.Tipoff.objects.count() == 0


def test_csrf_is_enforced(world):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(FORM, valid())
    assert response.status_code == 403 and m.Tipoff.objects.count() == 0


@override_settings(TIPOFF_RATE_LIMIT=2, TIPOFF_LOOKUP_RATE_LIMIT=3)
def test_rate_limits_answer_429_in_chinese(world, client):
    for _i in range(2):
        assert "举报已收到" in client.post(FORM, valid()).content.decode()
    limited = client.post(FORM, valid())
    assert limited.status_code == 429 and "尝试次数过多" in limited.content.decode()
    assert m.Tipoff.objects.count() == 2
    # Another address is not affected.
    assert client.post(FORM, valid(), REMOTE_ADDR="10.9.9.9").status_code == 200
    for _i in range(3):
        assert client.post(LOOKUP, {"code": "AAAA-BBBB-CCCC"}).status_code == 200
    assert client.post(LOOKUP, {"code": "AAAA-BBBB-CCCC"}).status_code == 429


def test_photos_are_private_and_lose_their_metadata(world, client):
    response = client.post(FORM, valid(photos=[photo(gps=True)]))
    code = re.search(r'id="receipt-code">([A-Z0-9-]+)<', response.content.decode()).group(1)
    document = tipoffs.find_by_code(code).photos.get().document
    with document.open_file() as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        assert stored.format == "JPEG" and not stored.getexif()
    assert client.get(document.url).status_code == 404  # the public
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code in (401, 403, 404)
    client.force_login(district_of(world))
    assert client.get(document.url).status_code == 200
    client.force_login(erqi_supervisor())
    assert client.get(document.url).status_code == 404


# --- the receipt-code lookup -------------------------------------------------------------
def test_lookup_shows_status_and_reply_but_nothing_personal(world, client):
    tipoff, code = file(world, contact_name="王女士", contact_phone="13800000009",
                        enterprise_name="某某化工")  # fmt: skip
    other, other_code = file(world, description="另一份举报的内容，不应被看到。")
    user = district_of(world)
    workflow.apply(tipoff, "accept", user)
    tipoff.findings = "内部核查记录"
    workflow.apply(tipoff, "verify", user)
    workflow.apply(tipoff, "dismiss", user, reason="内部理由")
    tipoff.public_reply = "经核查，未发现安全生产隐患。"
    workflow.apply(tipoff, "reply", user)

    body = client.post(LOOKUP, {"code": tipoffs.format_code(code).lower()}).content.decode()
    assert "答复日期" in body and "受理日期" in body and "已验收" not in body
    assert "已答复" in body and "经核查，未发现安全生产隐患。" in body
    today = dt.date.today()
    assert f"{today.year}年{today.month}月{today.day}日" in body
    for secret in ("王女士", "13800000009", "某某化工", "内部核查记录", "内部理由",
                   tipoff.description[:10], other.description[:10], other.reference,
                   user.username):  # fmt: skip
        assert secret not in body, secret
    unknown = client.post(LOOKUP, {"code": "ZZZZ-ZZZZ-ZZZZ"}).content.decode()
    assert "没有找到" in unknown and "另一份" not in unknown
    other_body = client.post(LOOKUP, {"code": other_code}).content.decode()
    assert "已收到" in other_body and "经核查" not in other_body


def test_public_pages_are_linked_from_the_footer(world, client):
    body = client.get(reverse("accountability:tipoff_status")).content.decode()
    assert f'href="{FORM}"' in body and f'href="{LOOKUP}"' in body


def test_demo_tipoffs_cover_every_status(world):
    import io as _io

    from accountability.factories import EnterpriseFactory, make_staff
    from accountability.services import roles
    from demo.accountability import tipoffs as demo_tipoffs

    make_staff("jinshui_supervisor", roles.DISTRICT, world.jinshui)
    make_staff("city_supervisor", roles.CITY, world.city)
    for name in ("郑州金祥燃气储运有限公司", "郑州北环建设工程有限公司"):
        EnterpriseFactory(name=name, jurisdiction=world.jinshui, industry=world.chem)
    demo_tipoffs.load(_io.StringIO())
    demo_tipoffs.load(_io.StringIO())  # idempotent
    statuses = set(m.Tipoff.objects.values_list("status", flat=True))
    assert statuses == {s for s, _l in m.Tipoff.STATUS_CHOICES}
    assert m.Tipoff.objects.count() == len(demo_tipoffs.REPORTS)
    replied = tipoffs.find_by_code("DEMF-2345-6789")
    assert replied.status == m.Tipoff.REPLIED and replied.hazard is not None
    assert m.Tipoff.objects.filter(archived=False).overdue().count() >= 2  # B and C


def test_a_new_report_is_announced_to_its_district(
    world, client, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM, valid())
    notes = Notification.objects.filter(title__startswith="新的举报线索")
    assert {n.user.username for n in notes} == {"district", "city"}
    assert "金水区" in notes.first().title


@override_settings(TIPOFF_RATE_LIMIT=100, TIPOFF_LOOKUP_RATE_LIMIT=100)
def test_hostile_input_never_breaks_the_forms(world, client):
    payloads = ["<script>alert(1)</script>", "a\x00b", "\u202e安全\u202c", "'; DROP TABLE x;--",
                "长" * 5000, "%(x)s {{ x }}"]  # fmt: skip
    for payload in payloads:
        for field in ("description", "address", "enterprise_name", "contact_name",
                      "contact_phone", "district"):  # fmt: skip
            response = client.post(FORM, valid(**{field: payload}))
            assert response.status_code == 200, (field, payload[:10])
            assert b"<script>alert(1)" not in response.content
        response = client.post(LOOKUP, {"code": payload})
        assert response.status_code == 200 and b"<script>alert(1)" not in response.content
    # SQLite's LIKE cannot look for NUL: compare in Python. (PostgreSQL would refuse it.)
    stored = m.Tipoff.objects.values_list("description", "address", "enterprise_name",
                                          "contact_name", "contact_phone")  # fmt: skip
    assert not any("\x00" in value for row in stored for value in row)
