"""Demo data for the accountability tracker (fictional enterprises in Zhengzhou's
districts). Idempotent: records are found by stable keys and only created once.

Demo users (password from DEMO_PASSWORD, default ``Demo-2026!``): city_supervisor,
jinshui_supervisor, dept_officer, auditor."""

import datetime as dt
import os

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from accountability import holiday_data, holidays, setup
from accountability import models as m
from accountability.creditcode import make_code
from accountability.services import ratings
from accountability.services.roles import (
    AUDITOR,
    CITY,
    DEPARTMENT,
    DISTRICT,
    GROUP_NAMES,
    role_group,
    role_groups,
    sync_groups,
)

from . import cases as C
from . import data as D
from . import evidence, tipoffs

ORDER = 30
DEFAULT_PASSWORD = "Demo-2026!"
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_code(n: int) -> str:
    """A 9-character organisation code (GB 11714) with its check digit."""
    body = f"{n:08d}"
    c = 11 - sum(int(d) * w for d, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(c, str(c))


def credit_code(division: str, n: int) -> str:
    return make_code(f"91{division}{org_code(70000000 + n)}")


def _jurisdictions():
    """The reference jurisdictions and industries of ``setup_site``, plus demo townships
    and a demo department."""
    places = setup.jurisdictions()
    industries = setup.industries(places)
    for code, _name, _div, towns in D.DISTRICTS:
        for tcode, tname in towns:
            places[tcode], _ = m.Jurisdiction.objects.get_or_create(
                code=tcode,
                parent=places[code],
                defaults={"name": tname, "kind": m.Jurisdiction.TOWNSHIP},
            )
    for code, name, inds in D.DEPARTMENTS:
        dept, created = m.Jurisdiction.objects.get_or_create(
            code=code,
            parent=places["zz"],
            defaults={"name": name, "kind": m.Jurisdiction.DEPARTMENT},
        )
        if created:
            dept.industries.set([industries[i] for i in inds])
        places[code] = dept
    return places, industries


def _users(places, stdout):
    password = os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD)
    if role_groups().count() < len(GROUP_NAMES):
        sync_groups(apps)  # the role groups were flushed (e.g. by a transactional test)
    User = get_user_model()
    spec = [
        ("city_supervisor", CITY, "zz", "市应急管理局 监管科"),
        ("jinshui_supervisor", DISTRICT, "jinshui", "金水区应急管理局"),
        ("dept_officer", DEPARTMENT, "jt", "市交通运输局 安全科"),
        ("auditor", AUDITOR, "zz", "市纪委监委 派驻组"),
    ]
    for username, role, place, title in spec:
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(role_group(role))
        m.StaffProfile.objects.get_or_create(
            user=user, defaults={"jurisdiction": places[place], "title": title}
        )
    stdout.write(
        "accountability demo users: city_supervisor, jinshui_supervisor, dept_officer, auditor "
        f"(password: {password})\n"
    )


def _reference():
    setup.rating_reference()
    for year in holiday_data.NOTICES:
        holidays.load_notice(year)


def _enterprises(places, industries, today):
    towns = {"jinshui": "huayuanlu", "erqi": "wulibao", "zhongmu": "guandu", "xinzheng": "longhu"}
    divisions = {code: div for code, _n, div, _t in D.DISTRICTS}
    result = []
    for n, (stem, ind, district, colour) in enumerate(D.ENTERPRISES, start=1):
        place = places[towns[district]] if n % 2 and district in towns else places[district]
        e, created = m.Enterprise.objects.get_or_create(
            credit_code=credit_code(divisions[district], n),
            defaults={
                "name": f"郑州{stem}有限公司",
                "industry": industries[ind],
                "jurisdiction": place,
                "address": f"郑州市{places[district].name}示例路{n * 7}号",
                "legal_representative": D.PEOPLE[n % len(D.PEOPLE)],
                "principal": D.PEOPLE[(n + 3) % len(D.PEOPLE)],
                "phone": f"0371-6{n:03d}{n * 37 % 10000:04d}",
                "safety_contact": D.PEOPLE[(n + 6) % len(D.PEOPLE)],
                "standardisation_level": "2" if colour == "blue" else "3",
                "risk_level": {"red": "major", "yellow": "high", "blue": "low"}[colour],
                "last_inspected_on": today - dt.timedelta(days=20 + n * 9),
            },
        )
        if created or not e.ratings.exists():
            criteria = m.RatingCriterion.objects.filter(colour=colour)[:1]
            ratings.record_rating(
                e, "blue", "年度初评", None, effective_from=dt.date(today.year - 1, 3, 1)
            )
            if colour != "blue":
                ratings.record_rating(
                    e, colour, "年度复评：" + (criteria[0].title if criteria else ""), None,
                    effective_from=dt.date(today.year, 3, 1), criteria=list(criteria),
                )  # fmt: skip
        result.append(e)
    return result


def load(stdout):
    today = timezone.localdate()
    places, industries = _jurisdictions()
    _reference()
    _users(places, stdout)
    ents = _enterprises(places, industries, today)
    C.interviews(ents, today)
    hz = C.hazards(ents, today)
    C.supervision(ents, hz, today)
    C.proposals(ents)
    C.assessments(places, ents, today)
    C.checklists(places, today)
    C.responsibility(places, ents, today)
    C.controls(today, stdout)
    tipoffs.load(stdout)
    evidence.load(stdout)
    stdout.write(f"accountability: {len(ents)} enterprises, demo casework loaded\n")
