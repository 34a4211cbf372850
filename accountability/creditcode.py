"""Unified social credit code (统一社会信用代码, GB 32100-2015).

Eighteen characters from the 31-character alphabet 0-9 and A-Y without I, O, S, V, Z.
The 18th character is a check character: with position weights 3^i mod 31 for the first
17 characters, check = (31 - sum mod 31) mod 31."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, 16, ...


def normalise(code: str) -> str:
    return (code or "").strip().upper().replace(" ", "")


def check_character(first17: str) -> str:
    """The check character for the first 17 characters (assumed in the alphabet)."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_error(code: str):
    """A user-facing message describing what is wrong with ``code``, or None if valid."""
    code = normalise(code)
    if len(code) != 18:
        return _("The unified social credit code must have 18 characters (it has %(n)d).") % {
            "n": len(code)
        }
    bad = [ch for ch in code if ch not in ALPHABET]
    if bad:
        return _("The unified social credit code contains invalid characters: %(chars)s.") % {
            "chars": "".join(dict.fromkeys(bad))
        }
    if code[17] != check_character(code[:17]):
        # Never name the expected character: a mistyped code "corrected" that way is
        # another valid code, most likely some other enterprise's.
        return _(
            "The unified social credit code is not valid: its check character does not "
            "match. Check the code against the business licence."
        )
    return None


def is_valid(code: str) -> bool:
    return credit_code_error(code) is None


def validate_credit_code(value):
    """Model/form field validator."""
    message = credit_code_error(value)
    if message:
        raise ValidationError(message, code="invalid_credit_code")


def make_code(first17: str) -> str:
    """Complete 17 characters with their check character (used by demo data)."""
    first17 = normalise(first17)
    return first17 + check_character(first17)


class CreditCodeField(models.CharField):
    """A credit code column that stores, compares and looks up the normalised (upper-case,
    no spaces) code, so that ``…xa`` and ``…XA`` are one enterprise wherever the code
    comes from (forms, imports, the ORM)."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return normalise(value) if isinstance(value, str) and value else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str) and value:
            value = normalise(value)
            setattr(model_instance, self.attname, value)
        return value
