"""``manage.py restore ARCHIVE --yes``: replace this site's database and media with a
backup's (see :mod:`portal.core.backup`). Stop the web and worker processes first."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.core import backup


class Command(BaseCommand):
    help = "Restore a backup made by manage.py backup (replaces the database and media files)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm that the current data may be replaced."
        )

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            raise CommandError(
                _(
                    "Restoring replaces the whole database and the media files. Run again with --yes."
                )
            )
        try:
            manifest = backup.restore(Path(archive))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        different = backup.compare(manifest)
        if different:
            raise CommandError(
                _("Restored, but these tables differ from the backup: %(tables)s")
                % {"tables": "；".join(different)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored the backup of %(date)s: %(rows)d rows, every table as in the backup.")
                % {"date": manifest["created_at"][:19], "rows": sum(manifest["rows"].values())}
            )
        )
        if settings.SEARCH_ENGINE == "opensearch":
            self.stdout.write(
                _("Now run manage.py rebuild_search to rebuild the OpenSearch index.")
            )
        self.stdout.write(_("Then run manage.py clear_page_cache on every web machine."))
