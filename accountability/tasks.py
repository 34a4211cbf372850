"""Background jobs of the accountability tracker (run by django-q2, see schedules.py)."""


def daily_deadline_scan():
    """Send deadline reminders and raise automatic downgrade proposals."""
    from .services.reminders import scan

    return scan()
