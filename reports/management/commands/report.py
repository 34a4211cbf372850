"""Build a PDF report from the command line, e.g.

    manage.py report enterprise 91410100MA44XXXXXX -o dossier.pdf
    manage.py report summary --year 2026 --district 金水区 -o summary.pdf

The job is recorded like one requested in the admin (so it gets a document number and
shows up in the job list), but it is built right here, not by the cluster.
"""

import shutil
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports.documents import build_pdf, reissue
from reports.pdf import ARCHIVE_VARIANT
from reports.registry import discover_report_kinds
from reports.services import ReportError, build_job, create_job, get_kind

COMMON = {"kind", "output", "verbosity", "settings", "pythonpath", "traceback", "no_color"}
OWN = {"archive", "reissue"}


class Command(BaseCommand):
    help = "Build a PDF report: manage.py report <kind> [arguments] -o FILE.pdf"

    def add_arguments(self, parser):
        self._dests = {}
        subparsers = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
        for name, kind in sorted(discover_report_kinds().items()):
            sub = subparsers.add_parser(name, help=str(kind.label))
            before = {action.dest for action in sub._actions}
            kind.add_arguments(sub)
            self._dests[name] = {a.dest for a in sub._actions} - before
            sub.add_argument("-o", "--output", required=True, help="Where to write the PDF.")
            sub.add_argument(
                "--archive",
                action="store_true",
                help="Write the PDF/A-3a copy for archiving instead of the PDF/UA-1 file.",
            )
            if kind.official_document:
                sub.add_argument(
                    "--reissue",
                    metavar="REASON",
                    default="",
                    help="Issue a corrected document with a new number, superseding the "
                    "current one (REASON is recorded in the document register).",
                )

    def handle(self, *args, **options):
        name = options["kind"]
        params = {
            key: value
            for key, value in options.items()
            if key in self._dests.get(name, set()) and key not in COMMON | OWN
        }
        with translation.override(settings.LANGUAGE_CODE):
            try:
                kind = get_kind(name)
                if options.get("reissue"):
                    reissue(kind, kind.clean_params(dict(params)), options["reissue"])
                if options.get("archive"):  # a copy for the archive, not a job
                    data = build_pdf(kind, kind.clean_params(dict(params)), variant=ARCHIVE_VARIANT)
                    self.write(data, options)
                    return
                job = create_job(name, params, user=None)
            except (ReportError, ValueError) as exc:
                raise CommandError(str(exc)) from exc
            try:
                build_job(job.pk)
            except Exception as exc:
                job.refresh_from_db()
                raise CommandError(job.error or str(exc)) from exc
            job.refresh_from_db()
            output = options["output"]
            if output == "-":
                sys.stdout.buffer.write(job.path.read_bytes())
                return
            shutil.copyfile(job.path, output)
            self.stdout.write(
                self.style.SUCCESS(f"{job.title}: {output} ({job.file_size:,} bytes, job {job.pk})")
            )

    def write(self, data: bytes, options) -> None:
        if options["output"] == "-":
            sys.stdout.buffer.write(data)
        else:
            with open(options["output"], "wb") as out:
                out.write(data)
