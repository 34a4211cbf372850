"""Demo and synthetic data, search documents."""

import io

import pytest
from django.urls import reverse

from accountability import models as m
from accountability.creditcode import is_valid
from accountability.services import queries
from demo import accountability as demo
from demo.accountability import synthetic


@pytest.fixture
def demo_data(db):
    out = io.StringIO()
    demo.load(out)
    demo.load(out)  # idempotent
    return out.getvalue()


def test_demo_content(demo_data, client):
    assert "Demo-2026!" in demo_data
    ents = m.Enterprise.objects.all()
    assert ents.count() == 22 and all(is_valid(e.credit_code) for e in ents)
    assert set(ents.values_list("colour", flat=True)) == {"red", "yellow", "blue"}
    city = m.Checklist.objects.get(kind="demo_city")
    assert city.completion == (147, 193, 76)
    assert len({i.standard for i in city.items.all()}) == 47
    assert m.Checklist.objects.filter(kind="six_have").count() == 3
    assert any(a.vetoed and not a.award_eligible for a in m.Assessment.objects.all())
    assert len(queries.report_overdue_ids(m.Interview.objects.all())) == 1
    assert set(m.Hazard.objects.values_list("status", flat=True)) == {
        s for s, _ in m.Hazard.STATUS_CHOICES
    }
    assert m.Commitment.objects.count() >= 4
    jinshui = m.StaffProfile.objects.get(user__username="jinshui_supervisor").user
    assert client.login(username="jinshui_supervisor", password="Demo-2026!")
    r = client.get(reverse("accountability_dashboard"))
    assert r.status_code == 200
    assert sum(queries.colour_counts(jinshui).values()) == 5


def test_synthetic_enterprises(demo_data):
    out = io.StringIO()
    synthetic.generate({"enterprises": 300, "seed": 1}, out)
    synthetic.generate({"enterprises": 300, "seed": 1}, out)  # no duplicates
    fake = m.Enterprise.objects.filter(name__startswith="合成企业")
    assert fake.count() == 300 and all(
        is_valid(c) for c in fake.values_list("credit_code", flat=True)
    )


def test_search_documents_are_staff_only(demo_data):
    from accountability.searchables import EnterpriseSource, HazardSource, SupervisionSource
    from search.sources import STAFF

    for source in (EnterpriseSource(), HazardSource(), SupervisionSource()):
        obj = source.queryset().first()
        doc = source.to_document(obj)
        assert doc.audience == STAFF and doc.jurisdiction.startswith("zz/")
        assert doc.url.startswith("/admin/")


def test_public_list_shows_only_public_fields(demo_data, client):
    r = client.get("/supervision-cases/")
    body = r.content.decode()
    public = m.SupervisionCase.objects.filter(is_public=True).exclude(contingency_plan="").first()
    private = m.SupervisionCase.objects.filter(is_public=False).first()
    assert public.notice_number in body and private.notice_number not in body
    # the rectification plan stays internal
    assert public.contingency_plan not in body and public.measures not in body
