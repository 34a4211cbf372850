"""``manage.py import_knowledge PATH [--skip-bad-rows]``: migrate documents, plans and
articles from JSON Lines, CSV or XLSX. See ``docs/knowledge.md`` for the columns."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from knowledge.importers import FileError, run_import


class Command(BaseCommand):
    help = "Import regulations, plans and articles from a .jsonl, .csv or .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to import (.jsonl, .csv or .xlsx).")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Import the good rows even if some rows are bad (bad rows are still listed).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, path, skip_bad_rows, no_progress, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._run(path, skip_bad_rows, no_progress)

    def _run(self, path, skip_bad_rows, no_progress):
        def progress(rows, total):
            return tqdm(rows, total=total, unit=_("rows"), disable=no_progress, file=self.stderr)

        started = time.monotonic()
        try:
            result = run_import(path, skip_bad_rows=skip_bad_rows, progress=progress)
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
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(count)d rows: %(created)d created, %(updated)d updated, "
                    "%(bad)d bad rows skipped (%(seconds).1f s)."
                )
                % {
                    "count": result.created + result.updated,
                    "created": result.created,
                    "updated": result.updated,
                    "bad": result.bad_lines,
                    "seconds": elapsed,
                }
            )
        )
