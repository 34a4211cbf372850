"""``manage.py import_documents DIR [--as regulation|article] [--dry-run]``: official
documents (公文, .docx/.pdf/.txt) into the knowledge base, each with its file attached.
See :mod:`knowledge.importers.documents` for what is recognised."""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from knowledge.importers.documents import scan
from knowledge.importers.html import body_blocks
from knowledge.importers.rows import ImportRow
from knowledge.importers.writer import Writer, bulk_indexing, find_existing, index_pages
from knowledge.models import RegulationAttachment


class Command(BaseCommand):
    help = "Import official documents (.docx, .pdf, .txt) from a folder, with a preview."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--as",
            dest="kind",
            choices=("regulation", "article"),
            default="regulation",
            help="Import as regulations (政策法规, default) or knowledge articles (安全知识).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show the preview only.")

    def handle(self, *args, directory, kind, dry_run, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self._run(Path(directory), kind, dry_run)

    def _run(self, directory, kind, dry_run):
        if not directory.is_dir():
            raise CommandError(_("Not a folder: %(path)s") % {"path": directory})
        documents = scan(directory)
        if not documents:
            raise CommandError(_("No .docx, .pdf or .txt file in %(path)s.") % {"path": directory})
        good = []
        for doc in documents:
            self.stdout.write(self._preview(doc))
            if not doc.error:
                good.append(doc)
        unsure = sum(1 for d in good if d.unsure)
        self.stdout.write(
            _(
                "%(total)d files: %(good)d readable, %(unsure)d with unsure fields, %(bad)d unreadable."
            )
            % {
                "total": len(documents),
                "good": len(good),
                "unsure": unsure,
                "bad": len(documents) - len(good),
            }  # fmt: skip
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was imported."))
            return
        indexes = index_pages()
        if kind not in indexes:
            raise CommandError(
                _("The site has no section for: %(types)s. Run manage.py setup_site first.")
                % {"types": kind}
            )
        created, updated = self._import(good, kind, indexes)
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(created)d new and %(updated)d updated documents.")
                % {"created": created, "updated": updated}
            )
        )

    def _preview(self, doc):
        if doc.error:
            return _("%(file)s: not imported, %(error)s") % {
                "file": doc.path.name,
                "error": doc.error,
            }
        missing = _("(not found)")
        lines = [
            f"{doc.path.name}",
            "  " + _("Title: %(v)s") % {"v": doc.title},
            "  " + _("Document number: %(v)s") % {"v": doc.doc_number or missing},
            "  " + _("Issuing authority: %(v)s") % {"v": doc.issuer or missing},
            "  "
            + _("Date written: %(v)s")
            % {
                "v": f"{doc.written_on.year}年{doc.written_on.month}月{doc.written_on.day}日"
                if doc.written_on
                else missing
            },  # fmt: skip
            "  " + _("Body: %(n)d paragraphs") % {"n": len(doc.paragraphs)},
        ]
        if doc.unsure:
            lines.append("  " + _("Please check: %(fields)s") % {"fields": "、".join(doc.unsure)})
        return "\n".join(lines)

    def _import(self, documents, kind, indexes):
        Document = get_document_model()
        existing = find_existing([d.key for d in documents])
        with transaction.atomic(), bulk_indexing():
            writer = Writer(indexes, existing)
            for doc in documents:
                with doc.path.open("rb") as handle:
                    attachment = Document.objects.create(
                        title=doc.title[:255], file=File(handle, name=doc.path.name)
                    )
                body = body_blocks(doc.body_html())
                values = {}
                if kind == "regulation":
                    values = {k: v for k, v in (
                        ("doc_number", doc.doc_number), ("issuer", doc.issuer[:100]),
                        ("written_on", doc.written_on), ("issued_on", doc.written_on),
                    ) if v}  # fmt: skip
                else:
                    values = {"source": doc.issuer[:100]} if doc.issuer else {}
                    if doc.written_on:
                        values["published_on"] = doc.written_on
                    # Articles have no attachment list: the file is linked below the text.
                    label = escape(_("Original document: %(name)s") % {"name": doc.path.name})
                    body.append(
                        {"type": "paragraph",
                         "value": f'<p><a linktype="document" id="{attachment.pk}">{label}</a></p>'}
                    )  # fmt: skip
                key = doc.key
                if key in existing and kind != existing[key][0]:
                    raise CommandError(
                        _("%(file)s was imported before as another type.") % {"file": doc.path.name}
                    )
                if kind == "regulation":
                    # A child relation of the page, so its revision (and later edits) keep it.
                    values["attachments"] = [
                        RegulationAttachment(document=attachment, title=doc.path.name)
                    ]
                writer.write(ImportRow(0, kind, key, doc.title[:255], body, values))
            writer.finish()
        return writer.created, writer.updated
