"""Background jobs of the accountability tracker (run by django-q2, see schedules.py)."""


def daily_deadline_scan():
    """Send deadline reminders and raise automatic downgrade proposals."""
    from .services.reminders import scan

    return scan()


def holiday_calendar_check():
    """From 1 November, tell the calendar keepers when next year's holidays are missing."""
    from .holidays import check_next_year

    return check_next_year()
