"""One record of every accountability admin model inside 金水区 ("own") and one in 二七区
("foreign"), built on the ``world`` fixture of conftest.py. Reference data (industries,
calendar, criteria, inspection intervals) is not jurisdiction-owned: "own" and "foreign"
are then the same row.

Shared by the admin-URL smoke test and the scope matrix."""

import datetime as dt

from django.utils import timezone

from accountability import models as m
from accountability.factories import (
    FulfilmentRecordFactory,
    HazardFactory,
    InterviewFactory,
    ResponsibilityListFactory,
    SupervisionCaseFactory,
    make_staff,
)
from accountability.services import ratings, roles, tipoffs
from accountability.views.bulk import listed_viewsets

ROLES = ["anonymous", "superuser", "city", "district", "department", "auditor"]
SIDES = ("own", "foreign")


def build(world):
    """{model_name: {"own": obj, "foreign": obj}} for every admin viewset's model.

    "own" records belong to the traffic enterprise of 金水区, which every role of the
    world (district, department officer, auditor, city) may see; "foreign" ones to 二七区,
    which only the city and the superuser may see."""
    enterprises = {"own": world.own_traffic, "foreign": world.other}
    jurisdictions = {"own": world.jinshui, "foreign": world.erqi}
    records = {}
    erqi_staff = make_staff("erqi_staff", roles.DISTRICT, world.erqi)
    profiles = {
        "own": m.StaffProfile.objects.get(user=world.users["district"]),
        "foreign": m.StaffProfile.objects.get(user=erqi_staff),
    }
    today = timezone.localdate()
    for side in SIDES:
        e, j = enterprises[side], jurisdictions[side]
        rlist = ResponsibilityListFactory(enterprise=e, title=f"责任清单-{side}")
        rating = ratings.record_rating(e, "yellow", f"评级-{side}", world.users["city"])
        proposal, _created = ratings.raise_proposal(e, "fatal_accident", f"t:{side}", side)
        records_side = {
            "enterprise": e,
            "jurisdiction": j,
            "staffprofile": profiles[side],
            "rating": rating,
            "downgradeproposal": proposal,
            "interview": InterviewFactory(enterprise=e, reason=f"约谈-{side}"),
            "hazard": HazardFactory(enterprise=e, title=f"隐患-{side}"),
            "supervisioncase": SupervisionCaseFactory(enterprise=e, title=f"督办-{side}"),
            "assessment": m.Assessment.objects.create(year=2025, enterprise=e, score=90),
            "checklist": m.Checklist.objects.create(
                title=f"清单-{side}", kind="six_have", jurisdiction=j, year=today.year
            ),
            "responsibilitylist": rlist,
            "fulfilmentrecord": FulfilmentRecordFactory(
                duty__responsibility_list=rlist, description=f"履职-{side}"
            ),
        }
        records_side["tipoff"] = tipoffs.file_tipoff(
            {"description": f"举报-{side} 消防通道堵塞", "address": "示例路1号",
             "district": j.code, "contact_phone": "13800000000"}
        )[0]  # fmt: skip
        hazard = records_side["hazard"]
        records_side["changerequest"] = m.ChangeRequest.objects.create(
            kind=m.ChangeRequest.HAZARD_EXTENSION,
            enterprise=e,
            hazard=hazard,
            summary=f"延期-{side}",
            old_value="30",
            new_value="60",
            reason=f"延期理由-{side}",
            requested_by=world.users["district"] if side == "own" else erqi_staff,
            requested_by_name=side,
        )
        for name, obj in records_side.items():
            records.setdefault(name, {})[side] = obj
    records["auditentry"] = {
        side: m.AuditEntry.objects.filter(
            model="accountability.Hazard", object_id=str(records["hazard"][side].pk)
        ).first()
        for side in SIDES
    }
    reference = {
        "industry": world.chem,
        "calendarday": m.CalendarDay.objects.create(
            date=dt.date(today.year, 10, 1), is_workday=False, name="国庆节"
        ),
        "ratingcriterion": m.RatingCriterion.objects.create(title="发生较大事故", colour="red"),
        "inspectionfrequency": m.InspectionFrequency.objects.get_or_create(
            colour="red", defaults={"interval_days": 30}
        )[0],
    }
    for name, obj in reference.items():
        records[name] = {"own": obj, "foreign": obj}
    missing = {v.model._meta.model_name for v in listed_viewsets().values()} - set(records)
    assert not missing, f"no test record for {missing}"
    return records


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client
