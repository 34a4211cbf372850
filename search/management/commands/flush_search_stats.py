"""Add the searches counted in the cache to the query statistics now."""

from django.core.management.base import BaseCommand

from search import stats


class Command(BaseCommand):
    help = (
        "Move the search counts waiting in the shared cache into the query statistics "
        "(the django-q2 schedule does this every minute)."
    )

    def handle(self, *args, **options):
        if not stats.shared_cache():
            self.stdout.write(
                "The cache is not shared between processes (locmem or dummy): every search "
                "is written to the statistics directly; nothing to flush."
            )
            return
        done = stats.flush()
        self.stdout.write(f"Flushed {done['searches']} searches of {done['queries']} queries.")
