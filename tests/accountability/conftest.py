"""A small world: the city, two districts with a township each, a traffic department,
one enterprise per district, and one user per role."""

import pytest

from accountability import models as m
from accountability.factories import EnterpriseFactory, IndustryFactory, make_staff
from accountability.services import roles


class World:
    pass


@pytest.fixture
def world(db):
    w = World()
    w.city = m.Jurisdiction.objects.create(name="郑州市", code="zz", kind="city")
    w.jinshui = m.Jurisdiction.objects.create(
        name="金水区", code="jinshui", kind="district", parent=w.city
    )
    w.erqi = m.Jurisdiction.objects.create(
        name="二七区", code="erqi", kind="district", parent=w.city
    )
    w.town = m.Jurisdiction.objects.create(
        name="花园路街道", code="huayuan", kind="township", parent=w.jinshui
    )
    w.chem = IndustryFactory(name="危险化学品", code="hazchem")
    w.traffic = IndustryFactory(name="交通运输", code="traffic")
    w.dept = m.Jurisdiction.objects.create(
        name="市交通运输局", code="jt", kind="department", parent=w.city
    )
    w.dept.industries.add(w.traffic)
    w.own = EnterpriseFactory(name="金水化工", jurisdiction=w.town, industry=w.chem)
    w.own_traffic = EnterpriseFactory(name="金水运输", jurisdiction=w.jinshui, industry=w.traffic)
    w.other = EnterpriseFactory(name="二七化工", jurisdiction=w.erqi, industry=w.chem)
    w.users = {
        "city": make_staff("city", roles.CITY, w.city),
        "district": make_staff("district", roles.DISTRICT, w.jinshui),
        "department": make_staff("department", roles.DEPARTMENT, w.dept),
        "auditor": make_staff("auditor", roles.AUDITOR, w.jinshui),
        "superuser": make_staff("root", None, None, is_superuser=True, is_staff=True),
    }
    return w
