"""Help texts explain a field; one that only repeats its label ("Address." under
"address") is noise in every admin form. A text made only of the label's words (articles
aside) is a repeat; so are the bare "Primary key." and "Address." the issue found."""

import re

from django.apps import apps
from django.utils.translation import override

PROJECT_APPS = ("accountability", "campaigns", "knowledge", "reports", "search", "portal")
FILLER = {"the", "a", "an", "of", "its", "this"}


def words(text):
    return [w for w in re.findall(r"[a-z]+", str(text).lower()) if w not in FILLER]


def repeats_label(label, help_text):
    said, named = words(help_text), set(words(label))
    if not said:
        return False
    return set(said) <= named


def test_the_rule_catches_a_repeat():
    assert repeats_label("address", "Address.")
    assert repeats_label("option A", "Option A.")
    assert not repeats_label("address", "Registered address as on the business licence.")


def test_no_help_text_repeats_its_label():
    offenders = []
    with override("en"):
        for model in apps.get_models():
            if model.__module__.split(".")[0] not in PROJECT_APPS:
                continue
            for field in model._meta.get_fields():
                help_text = str(getattr(field, "help_text", "") or "")
                label = str(getattr(field, "verbose_name", "") or "")
                if help_text and repeats_label(label, help_text):
                    offenders.append(f"{model._meta.label}.{field.name}: {label!r} / {help_text!r}")
    assert not offenders, "\n".join(offenders)


def test_no_help_text_says_only_primary_key():
    with override("en"):
        texts = {
            str(getattr(f, "help_text", "")).strip().lower()
            for m in apps.get_models()
            for f in m._meta.get_fields()
        }
    assert "primary key." not in texts
    assert "address." not in texts
