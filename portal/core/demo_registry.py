"""Discovery of per-app demo and synthetic-data modules.

Each app may have ``<app>/demo.py`` with ``ORDER`` (int) and ``load(stdout)`` that creates
its demo content idempotently (find by a stable slug/key, then update or create), and
``<app>/synthetic.py`` with ``ORDER`` and ``generate(options, stdout)`` for benchmark-sized
data (options: documents, enterprises, activities, seed)."""

import importlib

from django.apps import apps


def discover(module_name: str):
    modules = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise
            continue
        modules.append(module)
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 100))


DEMO_PASSWORD_DEFAULT = "Demo-2026!"


def demo_account(username: str, group_name: str):
    """A demo staff account in ``group_name`` (created once; password from DEMO_PASSWORD,
    like the tracker's demo users). Returns the user, or None when the group is missing."""
    import os

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

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
