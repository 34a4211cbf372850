"""``manage.py import_holidays FILE.csv|.xlsx [--dry-run]``: enter a year's holiday notice
(放假 and 调休) from a spreadsheet. Columns: 日期, 类型 (放假 / 调休上班), 名称."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from accountability import holidays


class Command(BaseCommand):
    help = "Import public holidays and adjusted working days (columns 日期, 类型, 名称)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8) or .xlsx file.")
        parser.add_argument("--dry-run", action="store_true", help="Validate only, save nothing.")

    def handle(self, file, dry_run=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._run(file, dry_run)

    def _run(self, file, dry_run):
        rows, errors = holidays.parse_file(file)
        if errors:
            raise CommandError(" ".join(errors))
        bad = [r for r in rows if r.errors]
        for r in bad:
            self.stderr.write(
                _("Row %(n)d: %(reasons)s") % {"n": r.number, "reasons": "；".join(r.errors)}
            )
        if bad:
            raise CommandError(
                _("%(bad)d of %(total)d rows have errors; nothing was imported.")
                % {"bad": len(bad), "total": len(rows)}
            )
        off = sum(1 for r in rows if not r.is_workday)
        summary = _("%(total)d days: %(off)d holidays, %(work)d adjusted working days.") % {
            "total": len(rows),
            "off": off,
            "work": len(rows) - off,
        }
        if dry_run:
            self.stdout.write(summary + " " + _("Dry run: nothing was saved."))
            return
        counts = holidays.save_rows(rows)
        self.stdout.write(
            self.style.SUCCESS(
                summary
                + " "
                + _("Imported: %(create)d new, %(update)d updated.")
                % {"create": counts["create"], "update": counts["update"]}
            )
        )
