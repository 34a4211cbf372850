"""Write scope equals jurisdiction scope: every admin model × role × own/foreign record,
for list, view, create, edit, delete, export, bulk and history.

What each role may see is written out by hand below (not computed with the code under
test); what each role may change comes from the role table, which is the declared policy.
Create and edit post the record's own form back (built from the form the user gets), so
every field and inline of every model goes through the real form."""

import re

import pytest
from django.urls import reverse
from wagtail.admin.forms.models import WagtailAdminModelForm

from accountability import models as m
from accountability.creditcode import make_code
from accountability.services import roles
from accountability.views.bulk import has_archive_flag, listed_viewsets

from .records import ROLES, SIDES, build, login

ROLE_KEYS = {
    "city": roles.CITY,
    "district": roles.DISTRICT,
    "department": roles.DEPARTMENT,
    "auditor": roles.AUDITOR,
}
STAFF = ("superuser", "city", "district", "department", "auditor")
REFERENCE = {"industry", "calendarday", "ratingcriterion", "inspectionfrequency"}
# Who sees the 金水区 ("own") record of each model; the 二七区 ("foreign") one is seen by
# the city and the superuser only, except where FOREIGN_SEEN says otherwise.
OWN_SEEN = {
    "checklist": {"superuser", "city", "district", "auditor"},  # a district's checklist
    "staffprofile": {"superuser", "city", "district", "auditor"},  # no permission: dept
    "auditentry": {"superuser", "city", "district", "auditor"},  # no permission: dept
    "tipoff": {"superuser", "city", "district", "auditor"},  # a district's tip-off
}
FOREIGN_SEEN = {
    # a department officer sees the districts of its city (to find enterprises there)
    "jurisdiction": {"superuser", "city", "department"},
}


def sees(role, model, side):
    if role == "anonymous":
        return False
    if model in REFERENCE:
        return True
    if side == "own":
        return role in OWN_SEEN.get(model, set(STAFF))
    return role in FOREIGN_SEEN.get(model, {"superuser", "city"})


def may(role, action, model):
    """The role table (and no delete, no change of the audit trail, for anyone; change
    requests are filed and decided on their own pages, never through the model forms)."""
    read_only = model in ("auditentry", "changerequest") and action != "view"
    if role == "anonymous" or action == "delete" or read_only:
        return False
    if role == "superuser":
        return True
    return action in roles.PERMISSIONS[ROLE_KEYS[role]].get(model, ())


def writes(role, model, side):
    """Where a role may file or change records: a department officer only its own
    department's records and the enterprises of its industries (never a district's)."""
    if model in REFERENCE:
        return True
    if role == "department" and model == "jurisdiction":
        return False
    return sees(role, model, side)


MODELS = sorted(vs.model._meta.model_name for vs in listed_viewsets().values())


def _url(model, view, *args):
    return reverse(f"accountability_{model}:{view}", args=args)


def _link_shown(body, model, obj):
    return any(f'"{_url(model, v, obj.pk)}"' in body for v in ("edit", "inspect"))


def form_data(form, for_create=False):
    """The POST data a browser would send back for ``form`` unchanged (inline formsets
    included). ``for_create`` drops the ids of the record and its inline rows."""
    data = {}

    def add(f):
        for bf in f:
            widget, value = bf.field.widget, bf.value()
            if for_create and bf.name == "id":
                value = ""
            if getattr(widget, "input_type", None) == "checkbox" or widget.__class__.__name__ in (
                "CheckboxInput",
                "SwitchInput",
            ):
                if value:
                    data[bf.html_name] = "on"
                continue
            if value is None:
                continue
            shown = widget.format_value(value)
            data[bf.html_name] = shown if shown is not None else ""

    add(form)
    for formset in getattr(form, "formsets", {}).values():
        add(formset.management_form)
        for sub in formset.forms:
            add(sub)
    return data


# Values that must differ in a copy, or the copy is refused as a duplicate.
UNIQUE = {
    "enterprise": lambda d, n: d.update(credit_code=make_code(f"91410105MB{n:07d}")),
    "jurisdiction": lambda d, n: d.update(name=f"新辖区{n}", code=f"new{n}"),
    "industry": lambda d, n: d.update(name=f"新行业{n}", code=f"newind{n}"),
    "calendarday": lambda d, n: d.update(date=f"2031-01-{n % 28 + 1:02d}"),
    "assessment": lambda d, n: d.update(year=str(2000 + n % 20)),
}
NOT_COPYABLE = {
    # one profile per user, one open proposal per trigger event, audit rows never created,
    # one inspection interval per colour (all three exist), tip-offs come from the public form
    "staffprofile", "downgradeproposal", "auditentry", "inspectionfrequency", "tipoff",
}  # fmt: skip


def _form_for(model, obj, user):
    viewset = listed_viewsets()[type(obj)]
    form_class = viewset.get_form_class()
    assert issubclass(form_class, WagtailAdminModelForm)
    return form_class(instance=obj, for_user=user)


@pytest.mark.parametrize("role", ROLES)
def test_list_view_export_history_matrix(client, world, role):
    records = build(world)
    c = login(client, world, role)
    problems = []
    for model in MODELS:
        index = c.get(_url(model, "index"))
        listed = index.status_code == 200 and index.content.decode()
        if role == "anonymous":
            if index.status_code != 302:
                problems.append((model, "index", index.status_code))
        elif (index.status_code == 200) != may(role, "view", model):
            problems.append((model, "index", index.status_code))
        for side in SIDES:
            obj = records[model][side]
            seen = sees(role, model, side) and may(role, "view", model)
            if listed and model not in REFERENCE and _link_shown(listed, model, obj) != seen:
                problems.append((model, side, "listed", seen))
            r = c.get(_url(model, "inspect", obj.pk))
            if (r.status_code == 200) != seen or r.status_code >= 500:
                problems.append((model, side, "inspect", r.status_code))
            may_history = seen and any(may(role, a, model) for a in ("add", "change"))
            for view in ("history", "history_results", "usage"):
                r = c.get(_url(model, view, obj.pk))
                expected = may_history if view != "usage" else seen and may(role, "change", model)
                if (r.status_code == 200) != expected or r.status_code >= 500:
                    problems.append((model, side, view, r.status_code))
    assert not problems, problems


EXPORT_MARKER = {
    "enterprise": lambda o: o.name,
    "jurisdiction": lambda o: o.name,
    "staffprofile": lambda o: o.jurisdiction.name,
    "checklist": lambda o: o.title,
    "responsibilitylist": lambda o: o.title,
    "fulfilmentrecord": lambda o: o.duty.responsibility_list.title,
    "auditentry": lambda o: o.object_repr,
    "hazard": lambda o: o.title,
    "supervisioncase": lambda o: o.title,
    "tipoff": lambda o: o.description.split()[0],
}


@pytest.mark.parametrize("role", STAFF)
def test_export_matrix(client, world, role):
    records = build(world)
    c = login(client, world, role)
    problems = []
    for model in MODELS:
        if not may(role, "view", model):
            continue
        r = c.get(_url(model, "index") + "?export=csv")
        assert r.status_code == 200, (model, r.status_code)
        body = b"".join(r.streaming_content).decode() if r.streaming else r.content.decode()
        marker = EXPORT_MARKER.get(model, lambda o: getattr(o, "enterprise", o).name)
        if model in REFERENCE:
            continue
        # Lists without export columns export no rows: then only check nothing leaks.
        columns = listed_viewsets()[type(records[model]["own"])].list_export
        exports_rows = isinstance(columns, list | tuple) and bool(columns)
        for side in SIDES:
            obj = records[model][side]
            shown, seen = marker(obj) in body, sees(role, model, side)
            if shown != seen if exports_rows else shown and not seen:
                problems.append((model, side, marker(obj)))
    assert not problems, problems


@pytest.mark.parametrize("role", STAFF)
def test_edit_delete_matrix(client, world, role):
    records = build(world)
    c = login(client, world, role)
    user = world.users[role]
    problems = []
    for model in MODELS:
        for side in SIDES:
            obj = records[model][side]
            allowed = sees(role, model, side) and may(role, "change", model)
            allowed = allowed and writes(role, model, side)
            r = c.get(_url(model, "edit", obj.pk))
            if (r.status_code == 200) != allowed or r.status_code >= 500:
                problems.append((model, side, "edit GET", r.status_code))
            if allowed:
                data = form_data(_form_for(model, obj, user))
                r = c.post(_url(model, "edit", obj.pk), data)
                if r.status_code != 302:
                    problems.append((model, side, "edit POST", r.status_code, _errors(r)))
            else:
                before = _state(obj)
                r = c.post(_url(model, "edit", obj.pk), {"archived": "on"})
                if r.status_code not in (302, 403, 404) or _state(obj) != before:
                    problems.append((model, side, "edit POST refused", r.status_code))
                if r.status_code == 302 and str(obj.pk) in r["Location"]:
                    problems.append((model, side, "redirect names the record"))
            r = c.post(_url(model, "delete", obj.pk))
            still = type(obj)._default_manager.filter(pk=obj.pk).exists()
            if r.status_code not in (302, 403, 404) or not still:
                problems.append((model, side, "delete", r.status_code, still))
    assert not problems, problems


def _state(obj):
    fresh = type(obj)._default_manager.filter(pk=obj.pk).values().first()
    fresh.pop("updated_at", None)
    return fresh


def _errors(response):
    form = response.context and response.context.get("form")
    if form is None:
        return ""
    errors = dict(form.errors)
    for name, fs in getattr(form, "formsets", {}).items():
        if fs.errors or fs.non_form_errors():
            errors[name] = (fs.errors, fs.non_form_errors())
    return errors


@pytest.mark.parametrize("role", STAFF)
def test_create_matrix(client, world, role):
    """Posting a copy of the own or the foreign record creates it only where the role may
    write; the copy's choices name the record's jurisdiction or enterprise."""
    records = build(world)
    c = login(client, world, role)
    superuser = world.users["superuser"]
    problems, n = [], 0
    for model in MODELS:
        if model in NOT_COPYABLE:
            continue
        for side in SIDES:
            n += 1
            obj = records[model][side]
            # The form as the superuser sees it holds every choice, foreign ones included.
            data = form_data(_form_for(model, obj, superuser), for_create=True)
            UNIQUE.get(model, lambda d, n: None)(data, n)
            manager = type(obj)._default_manager
            count = manager.count()
            r = c.post(_url(model, "add"), data)
            created = manager.count() > count
            expected = may(role, "add", model) and writes(role, model, side)
            if created != expected or r.status_code >= 500:
                problems.append((model, side, r.status_code, created, _errors(r)))
    assert not problems, problems


@pytest.mark.parametrize("role", STAFF)
def test_bulk_archive_matrix(client, world, role):
    records = build(world)
    c = login(client, world, role)
    problems = []
    for model in MODELS:
        if not has_archive_flag(type(records[model]["own"])) or model in REFERENCE:
            continue
        url = reverse("wagtail_bulk_action", args=["accountability", model, "archive"])
        for side in SIDES:
            obj = records[model][side]
            allowed = (
                sees(role, model, side) and may(role, "change", model) and writes(role, model, side)
            )
            r = c.get(f"{url}?id={obj.pk}")
            if (r.status_code == 200) != allowed or r.status_code >= 500:
                problems.append((model, side, "bulk GET", r.status_code))
            r = c.post(f"{url}?id={obj.pk}", {"note": "矩阵测试"})
            archived = type(obj)._default_manager.get(pk=obj.pk).archived
            if archived != allowed or r.status_code >= 500:
                problems.append((model, side, "bulk POST", r.status_code, archived))
    assert not problems, problems


def test_department_officer_cannot_file_or_move_a_list_into_a_district(client, world):
    """Finding 8: the officer's own list stays in its department."""
    client.force_login(world.users["department"])
    r = client.get(_url("responsibilitylist", "add"))
    assert r.status_code == 200
    select = re.search(r'<select name="jurisdiction".*?</select>', r.content.decode(), re.S)
    choices = set(re.findall(r'<option value="(\d+)"', select.group(0)))
    assert choices == {str(world.dept.pk)}, choices
    base = {
        "title": "交通局岗位责任清单", "year": "2026", "summary": "",
        "duties-TOTAL_FORMS": "0", "duties-INITIAL_FORMS": "0",
        "duties-MIN_NUM_FORMS": "0", "duties-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for district in (world.jinshui, world.erqi):
        r = client.post(_url("responsibilitylist", "add"), {**base, "jurisdiction": district.pk})
        assert r.status_code == 200
    assert not m.ResponsibilityList.objects.filter(title=base["title"]).exists()
    r = client.post(_url("responsibilitylist", "add"), {**base, "jurisdiction": world.dept.pk})
    assert r.status_code == 302
    own = m.ResponsibilityList.objects.get(title=base["title"])
    r = client.post(
        _url("responsibilitylist", "edit", own.pk), {**base, "jurisdiction": world.jinshui.pk}
    )
    assert r.status_code == 200
    own.refresh_from_db()
    assert own.jurisdiction == world.dept
