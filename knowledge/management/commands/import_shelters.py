"""``manage.py import_shelters PATH [--skip-bad-rows]``: emergency shelters from CSV, XLSX
or JSON Lines. See ``docs/knowledge.md`` for the columns."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from knowledge.importers.readers import FileError
from knowledge.importers.shelters import run_import


class Command(BaseCommand):
    help = "Import emergency shelters from a .csv, .xlsx or .jsonl file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to import (.csv, .xlsx or .jsonl).")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Import the good rows even if some rows are bad (bad rows are still listed).",
        )

    def handle(self, *args, path, skip_bad_rows, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                result = run_import(path, skip_bad_rows=skip_bad_rows)
            except FileError as exc:
                raise CommandError(str(exc)) from exc
            for line, reason in result.errors:
                self.stderr.write(_("Line %(line)d: %(reason)s") % {"line": line, "reason": reason})
            if result.errors and not result.written:
                raise CommandError(
                    _(
                        "%(bad)d of %(total)d rows are bad; nothing was imported. "
                        "Fix them, or run again with --skip-bad-rows to import the good rows."
                    )
                    % {"bad": result.bad_lines, "total": result.total}
                )
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Shelters: %(created)d created, %(updated)d updated, "
                        "%(unchanged)d unchanged, %(bad)d bad rows skipped."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.total
                        - result.bad_lines
                        - result.created
                        - result.updated,
                        "bad": result.bad_lines,
                    }
                )
            )
