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
