from django.core.management.base import BaseCommand

from demo import discover


class Command(BaseCommand):
    help = "Generate large synthetic data sets for benchmarks (each app adds its share)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--documents", type=int, default=10000, help="Knowledge documents to create."
        )
        parser.add_argument("--enterprises", type=int, default=5000, help="Enterprises to create.")
        parser.add_argument(
            "--activities", type=int, default=2000, help="Campaign activities to create."
        )
        parser.add_argument(
            "--seed", type=int, default=20260512, help="Random seed (same seed, same data)."
        )

    def handle(self, *args, **options):
        for module in discover("synthetic"):
            self.stdout.write(f"Generating: {module.__name__}")
            module.generate(options, self.stdout)
        self.stdout.write(self.style.SUCCESS("Synthetic data generated."))
