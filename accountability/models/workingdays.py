"""Chinese working days: Monday to Friday, except the public holidays and adjusted
working weekends (调休) recorded in the editable holiday calendar (CalendarDay).
Archived calendar rows (a wrong entry withdrawn by an editor) do not count.

Beside the models because the deadlines of tip-offs and interviews are computed on save."""

import datetime as dt

from .jurisdiction import CalendarDay


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    return dict(
        CalendarDay.objects.filter(date__gte=start, date__lte=end, archived=False).values_list(
            "date", "is_workday"
        )
    )


def is_working_day(day: dt.date, overrides: dict | None = None) -> bool:
    if overrides is None:
        overrides = _overrides(day, day)
    if day in overrides:
        return overrides[day]
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted).

    With a Friday start and 1 day, that is the next Monday, unless Monday is a holiday."""
    if days <= 0:
        return start
    # Long holidays (春节, 国庆) add at most ~9 days per 5 working days; fetch generously.
    horizon = start + dt.timedelta(days=days * 3 + 30)
    overrides = _overrides(start, horizon)
    current, counted = start, 0
    while counted < days:
        current += dt.timedelta(days=1)
        if current > horizon:
            horizon = current + dt.timedelta(days=60)
            overrides.update(_overrides(current, horizon))
        if is_working_day(current, overrides):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    overrides = _overrides(start, end)
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=n), overrides)
    )
