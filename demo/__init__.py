"""Demo content and benchmark data, outside the production packages.

Production code never imports this package (the wheel does not even contain it;
``portal.settings`` installs the ``demo`` app only when the package is present). It holds:

- ``demo/home.py`` and ``demo/<app>/__init__.py``: ``ORDER`` (int), ``load(stdout)``
  (idempotent: find by a stable slug/key, then update or create) and an optional
  ``finish(stdout)``; ``manage.py load_demo`` runs them in ``ORDER``. Large content
  tables go in sibling modules (``demo/knowledge/places.py``) that ``load`` imports.
- ``demo/<app>/synthetic.py``: ``ORDER`` and ``generate(options, stdout)`` for
  benchmark-sized data, run by ``manage.py generate_synthetic``.

Demo modules import the apps (models, services, setup); never the other way round."""

import importlib

from django.apps import apps as registry  # not "apps": demo.apps (the AppConfig) would shadow it

# demo module for each installed app label (home is a module, the others packages)
MODULES = {"home": "demo.home"}


def discover(kind: str = "demo"):
    """The demo (``kind="demo"``) or synthetic-data (``kind="synthetic"``) modules of the
    installed apps, sorted by their ``ORDER``."""
    modules = []
    for config in registry.get_app_configs():
        name = MODULES.get(config.label, f"demo.{config.label}")
        if kind != "demo":
            name = f"{name}.{kind}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
            continue
        if kind == "demo" and not callable(getattr(module, "load", None)):
            continue
        modules.append(module)
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 100))
