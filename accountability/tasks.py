"""Background jobs of the accountability tracker (run by django-q2, see schedules.py)."""

from .holidays import check_next_year
from .services.ratings import refresh_all
from .services.reminders import scan
from .services.tipoffs import scan_overdue


def daily_rating_refresh():
    """Ratings dated in the future take effect on their day: recompute stored colours."""
    return {"colours_changed": refresh_all()}


def daily_deadline_scan():
    """Send deadline reminders and raise automatic downgrade proposals. Colours are
    refreshed first: the inspection schedule depends on them."""
    refresh_all()
    return {**scan(), "tipoff_reminders": scan_overdue()}


def holiday_calendar_check():
    """From 1 November, tell the calendar keepers when next year's holidays are missing."""
    return check_next_year()
