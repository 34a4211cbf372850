import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the first administrator if none exists. Credentials come from ADMIN_USERNAME, "
        "ADMIN_PASSWORD and ADMIN_EMAIL; without ADMIN_PASSWORD one is generated and printed."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"An administrator already exists (e.g. {User.objects.filter(is_superuser=True).first()})."
            )
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username, email=os.environ.get("ADMIN_EMAIL", ""), password=password
        )
        shown = password if not os.environ.get("ADMIN_PASSWORD") else "(from ADMIN_PASSWORD)"
        self.stdout.write(self.style.SUCCESS(f"Administrator created: {username} / {shown}"))
