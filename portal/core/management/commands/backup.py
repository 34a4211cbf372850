"""``manage.py backup [-o FILE]``: database, media and search settings in one archive
(see :mod:`portal.core.backup`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core import backup


class Command(BaseCommand):
    help = "Back up the database, media files and search settings into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="Archive to write (default: VAR_DIR/backups/portal-YYYYmmdd-HHMMSS.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"portal-{stamp}.tar.gz"
        try:
            manifest = backup.create(Path(output))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(path)s (%(vendor)s, %(rows)d rows).")
                % {
                    "path": output,
                    "vendor": manifest["vendor"],
                    "rows": sum(manifest["rows"].values()),
                }
            )
        )
