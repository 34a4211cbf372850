"""Yearly fulfilment of post safety-responsibility lists: every rule in one place.

Rules, as a table (achieved, met, met/total and the percentage are defined beside the
records in :mod:`accountability.models.responsibility`, which need them on save and for
display, and re-exported here; the summaries below build on them):

=====================  ==============================================================
achieved (per duty)    sum of ``quantity`` of the duty's non-archived fulfilment
                       records dated in the list's year (records are never typed
                       into a total; a record outside the year is refused)
met                    the duty has a quantified requirement and achieved >= required
met/total              over the list's non-archived duties that have a requirement
percentage             met / total, rounded to a whole percent; none without duties
due by today           past year: the whole requirement; future year: 0; current
                       year: requirement × elapsed days / days in the year, rounded
                       down (pro rata)
behind schedule        the duty has a requirement and achieved < due by today
=====================  ==============================================================
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from ..models import Duty, FulfilmentRecord
from ..models.responsibility import (  # noqa: F401 (the record's rules, re-exported)
    achieved_expression,
    achieved_for,
    active_duties,
    date_error,
    meets,
    met_total,
    percent,
    percentage,
    with_achieved,
    year_bounds,
)


def prefetch_active_duties():
    """Prefetch for ResponsibilityList querysets: non-archived duties with ``achieved``
    in ``active_duties`` (used by lists, reports and the annual summary)."""
    duties = with_achieved(Duty.objects.filter(archived=False)).order_by("pk")
    return Prefetch("duties", queryset=duties, to_attr="active_duties")


def due_by(required: int | None, year: int, today: dt.date) -> int:
    """How much of ``required`` should be done by ``today`` (pro rata in the current year)."""
    if not required or year > today.year:
        return 0
    if year < today.year:
        return required
    days = 366 if calendar.isleap(year) else 365
    elapsed = today.timetuple().tm_yday
    return required * elapsed // days


@dataclass
class DutyStatus:
    duty: object
    required: int | None
    achieved: int
    due: int

    @property
    def met(self) -> bool:
        return meets(self.required, self.achieved)

    @property
    def behind(self) -> bool:
        return bool(self.required) and self.achieved < self.due


@dataclass
class PostSummary:
    post: str
    duties: list = field(default_factory=list)

    @property
    def met(self) -> int:
        return sum(1 for d in self.duties if d.met)

    @property
    def total(self) -> int:
        return sum(1 for d in self.duties if d.required)


@dataclass
class ListSummary:
    year: int
    posts: list
    met: int
    total: int
    behind: int

    @property
    def percentage(self) -> int | None:
        return percentage(self.met, self.total)

    @property
    def percent(self) -> str:
        return percent(self.met, self.total)


def summarise(lst, today: dt.date | None = None) -> ListSummary:
    """The annual summary of one list: per post its duties with requirement, achieved,
    met and behind schedule, and the list's totals."""
    today = today or timezone.localdate()
    posts: dict[str, PostSummary] = {}
    statuses = []
    for duty in active_duties(lst):
        status = DutyStatus(
            duty=duty,
            required=duty.required_quantity,
            achieved=duty.achieved_quantity,
            due=due_by(duty.required_quantity, lst.year, today),
        )
        statuses.append(status)
        posts.setdefault(duty.post, PostSummary(duty.post)).duties.append(status)
    quantified = [s for s in statuses if s.required]
    return ListSummary(
        year=lst.year,
        posts=list(posts.values()),
        met=sum(1 for s in quantified if s.met),
        total=len(quantified),
        behind=sum(1 for s in quantified if s.behind),
    )


def list_records(lst):
    """The list's non-archived fulfilment records, newest first."""
    return FulfilmentRecord.objects.filter(
        duty__responsibility_list=lst, archived=False
    ).select_related("duty", "evidence", "recorded_by")


def records_outside_year(lst, year: int) -> int:
    """How many non-archived records of ``lst`` would fall outside ``year``."""
    start, end = year_bounds(year)
    return list_records(lst).exclude(performed_on__range=(start, end)).count()


def copy_duties(source, target) -> int:
    """Copy the non-archived duties of ``source`` into ``target`` (never the records)."""
    count = 0
    for duty in source.duties.filter(archived=False).order_by("pk"):
        Duty.objects.create(
            responsibility_list=target,
            post=duty.post,
            duty=duty.duty,
            legal_basis=duty.legal_basis,
            basis_page_id=duty.basis_page_id,
            required_quantity=duty.required_quantity,
            unit=duty.unit,
        )
        count += 1
    return count
