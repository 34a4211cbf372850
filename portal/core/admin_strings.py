"""Wagtail admin strings that Wagtail's own Simplified Chinese catalogue leaves untranslated.

Marked here so ``makemessages`` keeps them in ``portal/locale``, whose translations take
precedence over the installed apps' catalogues."""

from django.utils.translation import gettext_noop

WAGTAIL_STRINGS = [
    # Breadcrumb of every "add" view of a model viewset.
    gettext_noop("New: %(model_name)s"),
]
