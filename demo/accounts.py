"""Demo staff accounts shared by the demo modules (not loaded with the ``demo`` app)."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_PASSWORD_DEFAULT = "Demo-2026!"


def demo_account(username: str, group_name: str):
    """A demo staff account in ``group_name`` (created once; password from DEMO_PASSWORD,
    like the tracker's demo users). Returns the user, or None when the group is missing."""
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return None
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    if created:
        user.set_password(os.environ.get("DEMO_PASSWORD", DEMO_PASSWORD_DEFAULT))
        user.save()
    user.groups.add(group)
    return user
