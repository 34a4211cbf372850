"""Search from the command line, with the same engine and result shape as the site."""

import json

from django.core.management.base import BaseCommand, CommandError

from search import services
from search.params import BadParameter, parse
from search.sources import PUBLIC, STAFF


class Command(BaseCommand):
    help = 'Search the portal\'s index: manage.py search_content "应急预案" [--json]'

    def add_arguments(self, parser):
        parser.add_argument("query", help="What to search for.")
        parser.add_argument("--json", action="store_true", help="Print the API's JSON.")
        parser.add_argument("--type", default="", help="Only this document type.")
        parser.add_argument("--year", default="", help="Only this year.")
        parser.add_argument("--sort", default="relevance", choices=["relevance", "date"])
        parser.add_argument("--page", default="1", help="Result page (10 per page).")
        parser.add_argument("--per-page", default="10", help="Results per page (max 50).")
        parser.add_argument("--staff", action="store_true", help="Search staff-only documents.")

    def handle(self, *args, **options):
        params = {
            "q": options["query"],
            "type": options["type"],
            "year": options["year"],
            "sort": options["sort"],
            "page": options["page"],
            "per_page": options["per_page"],
        }
        try:
            query = parse(params, audience=STAFF if options["staff"] else PUBLIC)
        except BadParameter as exc:
            raise CommandError(f"--{exc.field.replace('_', '-')}: {exc.message}") from exc
        if not query.text:
            raise CommandError("Please give something to search for.")
        results = services.run_search(query)
        if options["json"]:
            payload = results.as_json()
            payload["query"] = query.text
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if results.notice:
            self.stderr.write(str(results.notice))
        self.stdout.write(f"{results.total} result(s) for “{query.text}” ({results.engine})")
        for n, hit in enumerate(results.hits, start=query.offset + 1):
            date = hit.date.isoformat() if hit.date else "-"
            self.stdout.write(f"{n:3}. [{hit.type_label}] {hit.title}  {date}  {hit.url}")
