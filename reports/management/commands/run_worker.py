"""Run the background worker (django-q2 cluster) as a service; see reports/worker.py."""

from django.conf import settings
from django.core.management.base import BaseCommand

from reports.worker import run


class Command(BaseCommand):
    help = (
        "Run the django-q2 cluster under a supervisor that stops it within a grace period "
        "on SIGTERM or SIGINT (to the process or its whole group) and re-queues report "
        "jobs whose worker died. Use this instead of qcluster under systemd or a container."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=float,
            default=settings.WORKER_STOP_GRACE,
            help="Seconds running jobs get to finish after a stop signal "
            "(default WORKER_STOP_GRACE).",
        )
        parser.add_argument(
            "--check",
            type=float,
            default=settings.REPORTS_STALL_CHECK_SECONDS,
            help="Seconds between two checks for report jobs whose worker died "
            "(default REPORTS_STALL_CHECK_SECONDS).",
        )

    def handle(self, *args, grace, check, **options):
        raise SystemExit(run(grace, check))
