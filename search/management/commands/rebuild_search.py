"""Rebuild the search indices from every search source, with a progress bar."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing
from search.engines import EngineUnavailable, uses_opensearch


class Command(BaseCommand):
    help = (
        "Re-index every searchable document. The embedded index is replaced in one "
        "transaction; on OpenSearch new indices are built and the aliases swapped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["database", "opensearch", "all"],
            default="all",
            help="Which index to rebuild (default: all active engines).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        choice = options["engine"]
        if choice == "all":
            names = ["database"] + (["opensearch"] if uses_opensearch() else [])
        else:
            names = [choice]
        for name in names:
            bar = tqdm(
                desc=f"rebuild {name}",
                unit="doc",
                disable=options["no_progress"],
                file=self.stderr,
            )

            def progress(count, bar=bar):
                bar.update(count - bar.n)

            try:
                counts = indexing.rebuild([name], progress=progress)
            except EngineUnavailable as exc:
                raise CommandError(str(exc)) from exc
            finally:
                bar.close()
            self.stdout.write(f"{name}: {counts[name]} document(s) indexed")
