"""Settings are split by purpose: base (shared, env-driven), dev, production and test.

Pick one with DJANGO_SETTINGS_MODULE; manage.py defaults to portal.settings.dev.
"""
