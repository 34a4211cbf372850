"""Control characters out of stored text, everywhere.

XML 1.0 (RSS, Atom, XLSX) cannot carry C0 control characters other than tab, line feed
and carriage return; a NUL in one imported title made ``/regulations/feed/`` answer 500 for
everyone, and a vertical tab typed into an enterprise form broke the Excel export. Text
is cleaned at the one point every input path shares, the model save: forms, the admin,
imports, commands and APIs all end in ``Model.save()``, where a ``pre_save`` receiver
strips them from every character field (outputs that may meet older data clean it again,
e.g. the feeds). ``bulk_create`` and ``QuerySet.update`` bypass ``save``: code that uses
them on free text calls :func:`clean_text` itself."""

import re

from django.db import models
from django.db.models.signals import pre_save

# C0 controls except \t \n \r, DEL, lone surrogates (unencodable in UTF-8) and the two
# noncharacters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value):
    """``value`` without control characters; anything but a string is returned as is."""
    if isinstance(value, str) and _CONTROL.search(value):
        return _CONTROL.sub("", value)
    return value


def _text_fields(model):
    fields = getattr(model._meta, "_portal_text_fields", None)
    if fields is None:
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
        ]
        model._meta._portal_text_fields = fields
    return fields


def strip_control_characters(sender, instance, raw=False, **kwargs):
    """``pre_save`` for every model: clean each CharField/TextField (and subclasses such as
    EmailField, SlugField, URLField) of the instance being saved."""
    if raw:  # fixtures load data as it was dumped
        return
    for name in _text_fields(type(instance)):
        value = getattr(instance, name, None)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned is not value:
                setattr(instance, name, cleaned)


def connect():
    pre_save.connect(strip_control_characters, dispatch_uid="portal.core.textclean")
