"""Discovery of a per-app module (``<app>/setup.py`` for ``manage.py setup_site``).

Demo content and benchmark data are not discovered here: they live in the top-level
``demo`` package (see ``demo/__init__.py``), which production code never imports."""

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
