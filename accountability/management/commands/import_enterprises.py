"""manage.py import_enterprises FILE.xlsx [--dry-run] [--by USERNAME]"""

from django.core.management.base import BaseCommand, CommandError

from accountability import excel
from accountability.services.audit import as_user, command_actor


class Command(BaseCommand):
    help = "Import enterprises from an Excel workbook (updates existing ones by credit code)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate only, save nothing.")
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help="Who runs the import, for the audit trail (default: the operating-system user).",
        )

    def handle(self, file, dry_run=False, by=None, **options):
        try:
            with open(file, "rb") as fh:
                rows, errors = excel.parse(fh)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        if errors:
            raise CommandError(" ".join(errors))
        bad = [r for r in rows if not r.ok]
        for r in bad:
            self.stderr.write(f"第 {r.number} 行: {'；'.join(str(e) for e in r.errors)}")
        creates = sum(1 for r in rows if r.ok and r.action == "create")
        updates = sum(1 for r in rows if r.ok and r.action == "update")
        self.stdout.write(f"{len(rows)} 行：新增 {creates}，更新 {updates}，错误 {len(bad)}")
        if bad:
            raise CommandError("存在错误行，未导入任何数据。")
        if dry_run:
            self.stdout.write("试运行（--dry-run）：未保存。")
            return
        user, name = command_actor(by)
        with as_user(user, name=name):
            counts = excel.save(rows, user=user)
        self.stdout.write(
            self.style.SUCCESS(f"已导入：新增 {counts['create']}，更新 {counts['update']}")
        )
