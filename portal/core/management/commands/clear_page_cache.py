from django.core.management.base import BaseCommand

from portal.core.pagecache import invalidate_all


class Command(BaseCommand):
    help = (
        "Make every cached public page stale. Run it on each deploy: new templates or "
        "translations then show at once instead of after the cache lifetime."
    )

    def handle(self, *args, **options):
        invalidate_all()
        self.stdout.write("Page cache cleared.")
