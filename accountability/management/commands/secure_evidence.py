"""manage.py secure_evidence: move evidence attached to accountability records into the
private collection of the record's jurisdiction, and put staff into the uploaders group
of their jurisdiction. Idempotent; run once after upgrading."""

from django.core.management.base import BaseCommand

from accountability import evidence


class Command(BaseCommand):
    help = "Move evidence documents into private per-jurisdiction collections."

    def handle(self, **options):
        evidence.secure_existing(self.stdout)
        evidence.sync_all_users()
        self.stdout.write(self.style.SUCCESS("证据文件已归入各辖区的内部文档集。"))
