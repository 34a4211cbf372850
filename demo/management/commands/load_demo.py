from django.core.management.base import BaseCommand
from django.db import transaction

from demo import discover
from portal.core.logs import quiet_queue
from portal.core.management.commands.setup_site import run_setup


class Command(BaseCommand):
    help = "Load the demo content of every app (idempotent: running it again updates, never duplicates)."

    def handle(self, *args, **options):
        # One "Enqueued" line per published page buried the output: queue INFO is hidden.
        with quiet_queue():
            self._load()

    def _load(self):
        # The demo builds on the product's own site structure and reference data.
        run_setup(self.stdout)
        modules = discover("demo")
        for module in modules:
            self.stdout.write(f"Loading demo content: {module.__name__}")
            with transaction.atomic():
                module.load(self.stdout)
        for module in modules:
            finish = getattr(module, "finish", None)
            if finish:
                with transaction.atomic():
                    finish(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
