"""Page types, document relations, the plan hierarchy, drills and plan review dates."""

import datetime as dt

import pytest
from django.utils import timezone

from knowledge import factories as f
from knowledge.choices import RelationKind, Status
from knowledge.models import DocumentRelation, PlanPage, RegulationPage, add_months
from knowledge.services import plans_due_for_review, relate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2022, 3, 1), 36, dt.date(2025, 3, 1)),
        (dt.date(2024, 11, 15), 2, dt.date(2025, 1, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_next_review_counts_from_last_evaluation_or_issue_date(sections):
    plan = f.PlanPageFactory(parent=sections["plans"], issued_on=dt.date(2020, 5, 1))
    assert plan.next_review_on == dt.date(2023, 5, 1)
    plan.last_evaluated_on = dt.date(2024, 6, 30)
    plan.review_interval_months = 12
    plan.save()
    assert PlanPage.objects.get(pk=plan.pk).next_review_on == dt.date(2025, 6, 30)


def test_overdue_plans_exclude_repealed_and_current_ones(sections):
    today = timezone.localdate()
    overdue = f.PlanPageFactory(parent=sections["plans"], issued_on=today - dt.timedelta(days=2000))
    f.PlanPageFactory(parent=sections["plans"], issued_on=today)
    f.PlanPageFactory(
        parent=sections["plans"],
        issued_on=today - dt.timedelta(days=2000),
        status=Status.REPEALED,
    )
    assert list(plans_due_for_review()) == [overdue]
    assert overdue.review_overdue


def test_publishing_an_amending_document_marks_the_older_one_amended(sections, client):
    older = f.RegulationPageFactory(parent=sections["regulations"], title="旧办法")
    newer = f.RegulationPageFactory(parent=sections["regulations"], title="新办法")
    newer.relations = [DocumentRelation(kind=RelationKind.AMENDS, target=older)]
    newer.save_revision().publish()

    older.refresh_from_db()
    assert older.status == Status.AMENDED
    # The older page's latest revision carries the new status, so re-publishing keeps it.
    older.save_revision().publish()
    older.refresh_from_db()
    assert older.status == Status.AMENDED

    # Both pages link to each other.
    older_html = client.get(older.url).content.decode()
    newer_html = client.get(newer.url).content.decode()
    assert newer.url in older_html
    assert older.url in newer_html


def test_replacing_repeals_and_amending_never_downgrades_a_repeal(sections):
    older = f.RegulationPageFactory(parent=sections["regulations"])
    replacement = f.RegulationPageFactory(parent=sections["regulations"])
    relate(replacement, older, RelationKind.REPLACES)
    older.refresh_from_db()
    assert older.status == Status.REPEALED

    amendment = f.RegulationPageFactory(parent=sections["regulations"])
    relate(amendment, older, RelationKind.AMENDS)
    older.refresh_from_db()
    assert older.status == Status.REPEALED


def test_a_document_cannot_amend_itself(sections):
    page = f.RegulationPageFactory(parent=sections["regulations"])
    with pytest.raises(ValueError):
        relate(page, page)


def test_plan_page_shows_hierarchy_sub_plans_and_drills(sections, drills_index, client):
    master = f.PlanPageFactory(parent=sections["plans"], title="总体应急预案", level="master")
    special = f.PlanPageFactory(
        parent=sections["plans"], title="防汛应急预案", level="special", parent_plan=master
    )
    department = f.PlanPageFactory(
        parent=sections["plans"], title="内涝排水部门预案", level="department", parent_plan=special
    )
    drill = f.DrillPageFactory(parent=drills_index, title="城区内涝演练", plan=special)

    assert department.plan_chain() == [master, special]
    html = client.get(special.url).content.decode()
    assert master.url in html and department.url in html and drill.url in html
    assert "城区内涝演练" in html
    drill_html = client.get(drill.url).content.decode()
    assert special.url in drill_html


def test_plan_chain_survives_a_loop(sections):
    a = f.PlanPageFactory(parent=sections["plans"])
    b = f.PlanPageFactory(parent=sections["plans"], parent_plan=a)
    PlanPage.objects.filter(pk=a.pk).update(parent_plan=b)
    a.refresh_from_db()
    assert a.plan_chain() == [b]


def test_detail_pages_render_their_metadata(sections, client):
    page = f.RegulationPageFactory(
        parent=sections["regulations"],
        index_number="11410100/2024-00001",
        doc_number="郑应急〔2024〕7号",
        written_on=dt.date(2024, 2, 20),
        effective_on=dt.date(2024, 4, 1),
    )
    html = client.get(page.url).content.decode()
    for text in [
        "11410100/2024-00001",
        "郑应急〔2024〕7号",
        "郑州市应急管理局",
        "2024年2月20日",
        "2024年4月1日",
    ]:
        assert text in html
    shelter = f.ShelterPageFactory(
        parent=sections["shelters"],
        facilities="应急供水\n应急厕所",
        latitude=34.75,
        longitude=113.62,
    )
    html = client.get(shelter.url).content.decode()
    assert "应急供水" in html and "geo:34.75" in html and "?district=jinshui" in html
    site = f.DemonstrationSitePageFactory(parent=sections["sites"])
    assert client.get(site.url).status_code == 200


def test_regulation_str_is_its_title(sections):
    page = f.RegulationPageFactory(parent=sections["regulations"], title="某办法")
    assert str(RegulationPage.objects.get(pk=page.pk)) == "某办法"
