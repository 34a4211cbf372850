"""Create or update the django-q2 schedules declared in every app's ``schedules.py``."""

from django.core.management.base import BaseCommand, CommandError

from portal.core.scheduling import ScheduleError, sync


class Command(BaseCommand):
    help = "Create or update django-q2 Schedule rows from each app's schedules.py (idempotent)."

    def handle(self, *args, **options):
        try:
            result = sync()
        except ScheduleError as exc:
            raise CommandError(str(exc)) from exc
        for label in ("created", "updated", "unchanged"):
            for name in result[label]:
                self.stdout.write(f"{label:9} {name}")
        self.stdout.write(
            self.style.SUCCESS(
                "Schedules: {} created, {} updated, {} unchanged".format(
                    len(result["created"]), len(result["updated"]), len(result["unchanged"])
                )
            )
        )
