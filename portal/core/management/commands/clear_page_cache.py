from django.core.management.base import BaseCommand

from portal.core.pagecache import clear_all


class Command(BaseCommand):
    help = (
        "Remove every cached public page. Run it on each deploy: new templates or "
        "translations then show at once instead of after the cache lifetime. It empties "
        "the whole cache named by PAGE_CACHE_ALIAS (damaged files included); whatever else "
        "lives there (cached search results, rate-limit counters) is rebuilt on demand."
    )

    def handle(self, *args, **options):
        removed = clear_all()
        self.stdout.write(f"Page cache cleared ({removed}).")
