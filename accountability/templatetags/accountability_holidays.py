"""``{% holiday_calendar_warning %}``: the dashboard's banner when next year's holiday
calendar is missing (from 1 November; see :mod:`accountability.holidays`)."""

from django import template

from ..holidays import next_year_warning

register = template.Library()


@register.inclusion_tag("accountability/admin/holiday_warning.html")
def holiday_calendar_warning():
    return {"message": next_year_warning()}
