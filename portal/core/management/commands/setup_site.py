"""``manage.py setup_site``: prepare an empty database for a real bureau, without demo
content. Runs every app's ``<app>/setup.py`` (``ORDER`` and ``setup(stdout)``): the home
page and bureau settings, the knowledge and campaign sections, and the tracker's reference
data (jurisdictions with their division codes, industries and departments, rating
criteria, inspection intervals, official holiday calendars). Safe to run again: only what
is missing is added, and nothing editors changed is overwritten."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.logs import quiet_queue
from portal.core.setup_registry import discover


def run_setup(stdout):
    """Run every app's setup module, each in its own transaction."""
    for module in (m for m in discover("setup") if callable(getattr(m, "setup", None))):
        with transaction.atomic():
            module.setup(stdout)


class Command(BaseCommand):
    help = (
        "Create the site structure and reference data a bureau needs (no demo content). Idempotent."
    )

    def handle(self, *args, **options):
        with quiet_queue():
            run_setup(self.stdout)
        self.stdout.write(self.style.SUCCESS(_("Site structure and reference data are ready.")))
