import os
import secrets
import string

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

ALPHABET = string.ascii_letters + string.digits + "-_.!@#%"


def generated_password(user):
    """A random password that passes the password policy (a draw can lack a class)."""
    while True:
        candidate = "".join(secrets.choice(ALPHABET) for _ in range(20))
        try:
            validate_password(candidate, user)
        except ValidationError:
            continue
        return candidate


class Command(BaseCommand):
    help = (
        "Create the first administrator if none exists. Credentials come from ADMIN_USERNAME, "
        "ADMIN_PASSWORD and ADMIN_EMAIL; without ADMIN_PASSWORD one is generated and printed. "
        "ADMIN_PASSWORD must pass the password policy."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"An administrator already exists (e.g. {User.objects.filter(is_superuser=True).first()})."
            )
            return
        email = os.environ.get("ADMIN_EMAIL", "")
        given = os.environ.get("ADMIN_PASSWORD")
        candidate = User(username=username, email=email)
        if given:
            # The same policy as every other password (portal/security/passwords.py).
            try:
                validate_password(given, candidate)
            except ValidationError as exc:
                raise CommandError(
                    _("ADMIN_PASSWORD does not meet the password policy: %(reasons)s")
                    % {"reasons": " ".join(exc.messages)}
                ) from exc
        password = given or generated_password(candidate)
        User.objects.create_superuser(username=username, email=email, password=password)
        shown = password if not given else "(from ADMIN_PASSWORD)"
        self.stdout.write(self.style.SUCCESS(f"Administrator created: {username} / {shown}"))
