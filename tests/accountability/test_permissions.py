"""Permission matrix: every admin view × role × jurisdiction, anonymous included.
Out-of-scope objects answer 404 (or 403/redirect without data), never their content."""

import pytest
from django.urls import reverse

from accountability import models as m
from accountability.factories import (
    FulfilmentRecordFactory,
    HazardFactory,
    InterviewFactory,
    SupervisionCaseFactory,
)

ROLES = ["anonymous", "city", "district", "department", "auditor", "superuser"]

# Which enterprises each role may see (by world attribute).
SEES = {
    "city": {"own", "own_traffic", "other"},
    "district": {"own", "own_traffic"},
    "department": {"own_traffic"},
    "auditor": {"own", "own_traffic"},
    "superuser": {"own", "own_traffic", "other"},
    "anonymous": set(),
}
CAN_CHANGE = {"city", "district", "superuser"}
DEPARTMENT_CHANGES = {"hazard", "fulfilmentrecord"}
VIEWSETS = ["enterprise", "hazard", "interview", "supervisioncase", "fulfilmentrecord"]


def _objects(world):
    """(viewset name, {enterprise key: object}) for every enterprise-scoped viewset."""
    objs = {}
    for key in ("own", "own_traffic", "other"):
        e = getattr(world, key)
        objs.setdefault("enterprise", {})[key] = e
        objs.setdefault("hazard", {})[key] = HazardFactory(enterprise=e, title=f"隐患-{e.name}")
        objs.setdefault("interview", {})[key] = InterviewFactory(
            enterprise=e, reason=f"约谈-{e.name}"
        )
        objs.setdefault("supervisioncase", {})[key] = SupervisionCaseFactory(
            enterprise=e, title=f"督办-{e.name}"
        )
        objs.setdefault("fulfilmentrecord", {})[key] = FulfilmentRecordFactory(
            duty__responsibility_list__enterprise=e,
            duty__duty=f"职责-{e.name}",
            description=f"履职-{e.name}",
        )
    return objs


def _client(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _marker(viewset, obj):
    attr = {"enterprise": "name", "interview": "reason", "fulfilmentrecord": "description"}.get(
        viewset, "title"
    )
    return getattr(obj, attr)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_object_views_matrix(client, world, role, viewset):
    objs = _objects(world)[viewset]
    c = _client(client, world, role)
    for key, obj in objs.items():
        marker = _marker(viewset, obj)
        for view in ("edit", "inspect"):
            url = reverse(f"accountability_{viewset}:{view}", args=[obj.pk])
            r = c.get(url)
            body = r.content.decode()
            if role == "anonymous":
                assert r.status_code == 302 and "/admin/login/" in r["Location"], url
                continue
            visible = key in SEES[role]
            can_change = role in CAN_CHANGE or (
                role == "department" and viewset in DEPARTMENT_CHANGES
            )
            allowed = visible and (view == "inspect" or can_change)
            if allowed:
                assert r.status_code == 200, (role, url, r.status_code)
                assert marker in body
            else:
                assert r.status_code in (302, 403, 404), (role, url, r.status_code)
                assert marker not in body, (role, url)
                if r.status_code == 302:
                    assert str(obj.pk) not in r["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("viewset", VIEWSETS)
def test_index_and_export_matrix(client, world, role, viewset):
    objs = _objects(world)[viewset]
    c = _client(client, world, role)
    for suffix in ("", "?export=csv"):
        r = c.get(reverse(f"accountability_{viewset}:index") + suffix)
        if role == "anonymous":
            assert r.status_code == 302 and "/admin/login/" in r["Location"]
            continue
        assert r.status_code == 200, (role, viewset, suffix)
        body = b"".join(r.streaming_content).decode() if r.streaming else r.content.decode()
        for key, obj in objs.items():
            marker = obj.enterprise.name if viewset == "interview" else _marker(viewset, obj)
            if viewset == "fulfilmentrecord":
                marker = obj.duty.duty
            assert (marker in body) == (key in SEES[role]), (role, key, suffix)


@pytest.mark.parametrize("role", ROLES)
def test_add_views(client, world, role):
    c = _client(client, world, role)
    for viewset in ("enterprise", "hazard", "interview", "supervisioncase"):
        r = c.get(reverse(f"accountability_{viewset}:add"))
        if role == "anonymous":
            assert r.status_code == 302 and "/admin/login/" in r["Location"]
        elif role in CAN_CHANGE or (role == "department" and viewset == "hazard"):
            assert r.status_code == 200
            # form choices only offer enterprises in scope
            marker = "二七区" if viewset == "enterprise" else "二七化工"
            assert (marker in r.content.decode()) == ("other" in SEES[role]), (role, viewset)
        else:
            assert r.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_fulfilment_record_add_view(client, world, role):
    objs = _objects(world)["fulfilmentrecord"]
    c = _client(client, world, role)
    r = c.get(reverse("accountability_fulfilmentrecord:add"))
    if role == "anonymous":
        assert r.status_code == 302 and "/admin/login/" in r["Location"]
    elif role in CAN_CHANGE or role == "department":
        assert r.status_code == 200
        body = r.content.decode()
        for key, obj in objs.items():  # duty choices only in scope
            assert (obj.duty.duty in body) == (key in SEES[role]), (role, key)
    else:
        assert r.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_and_import(client, world, role):
    c = _client(client, world, role)
    for name in ("accountability_dashboard", "accountability_import"):
        r = c.get(reverse(name))
        if role == "anonymous":
            assert r.status_code == 302 and "/admin/login/" in r["Location"]
        elif name == "accountability_import" and role not in CAN_CHANGE:
            assert r.status_code in (302, 403)
        else:
            assert r.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_audit_trail_scoped_and_read_only(client, world, role):
    c = _client(client, world, role)
    r = c.get(reverse("accountability_auditentry:index"))
    if role == "anonymous":
        assert r.status_code == 302
        return
    if role == "department":
        assert r.status_code in (302, 403)
        return
    body = r.content.decode()
    assert r.status_code == 200
    assert ("二七化工" in body) == ("other" in SEES[role])
    entry = m.AuditEntry.objects.filter(object_repr="二七化工").first()
    assert c.get(reverse("accountability_auditentry:edit", args=[entry.pk])).status_code in (
        302,
        403,
        404,
    )
    assert c.get(reverse("accountability_auditentry:add")).status_code in (302, 403, 404)


def test_no_delete_for_anyone(client, world):
    c = _client(client, world, "superuser")
    url = reverse("accountability_enterprise:delete", args=[world.own.pk])
    r = c.post(url)
    assert r.status_code in (302, 403)
    assert m.Enterprise.objects.filter(pk=world.own.pk).exists()


def test_transition_out_of_scope_404(client, world):
    hazard = HazardFactory(enterprise=world.other)
    client.force_login(world.users["district"])
    r = client.post(reverse("accountability_transition", args=["hazard", hazard.pk, "notify"]))
    assert r.status_code == 404
    hazard.refresh_from_db()
    assert hazard.status == "found"


ALL_INDEXES = [
    "rating", "downgradeproposal", "assessment", "checklist", "responsibilitylist",
    "jurisdiction", "staffprofile", "industry", "calendarday", "ratingcriterion",
    "inspectionfrequency",
]  # fmt: skip
NO_VIEW = {"department": {"staffprofile"}}


@pytest.fixture
def more(world):
    from accountability.services import ratings

    ratings.record_rating(world.other, "red", "二七化工事故", world.users["city"])
    ratings.raise_proposal(world.other, "fatal_accident", "t:1", "二七化工事故")
    m.Assessment.objects.create(year=2025, enterprise=world.other, score=70)
    m.Checklist.objects.create(
        title="二七化工清单", kind="six_have", jurisdiction=world.erqi, year=2026
    )
    m.ResponsibilityList.objects.create(title="二七化工责任清单", year=2026, enterprise=world.other)
    return world


@pytest.mark.parametrize("role", ROLES)
def test_every_other_index_matrix(client, more, role):
    c = _client(client, more, role)
    for name in ALL_INDEXES:
        r = c.get(reverse(f"accountability_{name}:index"))
        if role == "anonymous":
            assert r.status_code == 302 and "/admin/login/" in r["Location"], name
        elif name in NO_VIEW.get(role, ()):
            assert r.status_code in (302, 403), (role, name)
        else:
            assert r.status_code == 200, (role, name, r.status_code)
            body = r.content.decode()
            if name in ("rating", "downgradeproposal", "assessment", "responsibilitylist"):
                assert ("二七化工" in body) == ("other" in SEES[role]), (role, name)
            if name == "checklist":
                assert ("二七化工清单" in body) == (role in ("city", "superuser")), (role, name)


def test_in_memory_scope_check_matches_query(world):
    from accountability.services.scoping import allows_enterprise, can_see, user_scope

    for user in world.users.values():
        for e in (world.own, world.own_traffic, world.other):
            assert allows_enterprise(user_scope(user), e) == can_see(user, e), (user, e)


def test_renaming_a_role_group_keeps_the_role(world, client):
    """Roles are found by their stable code (StaffRole), not the group's Chinese name
    (issue 18): an admin renaming 区县监管人员 must not silently take the role away."""
    from django.contrib.auth.models import Group

    from accountability.services import reminders, roles

    district = world.users["district"]
    assert roles.user_roles(district) == {roles.DISTRICT}
    group = Group.objects.get(accountability_role__code=roles.DISTRICT)
    group.name = "区县应急监管人员（改名后）"
    group.save()
    assert roles.user_roles(district) == {roles.DISTRICT}
    assert roles.has_role(district, roles.SUPERVISORS)
    assert district in [user for user, _scope in reminders.staff()]
    client.force_login(district)
    assert client.get(reverse("accountability_dashboard")).status_code == 200


def test_a_group_named_like_a_role_does_not_grant_it(world):
    from django.contrib.auth.models import Group

    from accountability.factories import make_staff
    from accountability.services import roles

    impostor = Group.objects.get(accountability_role__code=roles.CITY)
    impostor.name = "市级监管人员（旧）"
    impostor.save()
    lookalike = Group.objects.create(name=roles.GROUP_NAMES[roles.CITY])
    user = make_staff("lookalike")
    user.groups.add(lookalike)
    assert roles.user_roles(user) == set()
