"""Staff documents that show another record (a hazard shows its enterprise's name and is
filed under its district) follow that record: declared as source dependencies in
accountability/searchables.py, applied by search/signals.py."""

import pytest

from accountability.factories import (
    EnterpriseFactory,
    HazardFactory,
    InterviewFactory,
    JurisdictionFactory,
    SupervisionCaseFactory,
)
from search.engines import SearchQuery, get_engine
from search.sources import STAFF


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def staff_keys(engine_name, text, path):
    query = SearchQuery(text, audience=STAFF, jurisdictions=[path])
    return {h.key for h in get_engine(engine_name).search(query).hits}


def test_enterprise_moving_district_moves_its_records(engine_name, commit):
    with commit():
        jinshui = JurisdictionFactory(name="金水区", code="jinshui")
        erqi = JurisdictionFactory(name="二七区", code="erqi")
        enterprise = EnterpriseFactory(name="郑州化工储运有限公司", jurisdiction=jinshui)
        hazard = HazardFactory(enterprise=enterprise, title="储罐区防火堤破损")
        case = SupervisionCaseFactory(enterprise=enterprise, title="储罐区重大隐患")
        interview = InterviewFactory(enterprise=enterprise)
    records = {
        f"accountability.hazard:{hazard.pk}",
        f"accountability.supervision:{case.pk}",
        f"accountability.interview:{interview.pk}",
    }
    assert records <= staff_keys(engine_name, "化工储运", "jinshui")

    with commit():
        enterprise.jurisdiction = erqi
        enterprise.save()
    assert not records & staff_keys(engine_name, "化工储运", "jinshui")
    assert records <= staff_keys(engine_name, "化工储运", "erqi")

    with commit():
        enterprise.name = "郑州港区物流有限公司"
        enterprise.save()
    assert records <= staff_keys(engine_name, "港区物流", "erqi")
    assert not records & staff_keys(engine_name, "化工储运", "erqi")


def test_unrelated_enterprise_edit_does_not_reindex(db, django_capture_on_commit_callbacks):
    enterprise = HazardFactory().enterprise
    with django_capture_on_commit_callbacks() as callbacks:
        enterprise.principal = "李经理"
        enterprise.save()
    # Only the enterprise's own document is queued, not its hazards.
    assert len(callbacks) == 1
