"""Password rules beyond Django's own validators (length, similarity, common list,
all-digits): character classes and a list of weak passwords local to this bureau."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words an attacker tries first against a Zhengzhou emergency bureau: the city, the bureau's
# pinyin initials and domain names, keyboard runs. Compared after removing digits and
# symbols, so "Zhengzhou@2026" and "yjglj2026" are refused as well.
LOCAL_WEAK_WORDS = {
    "zhengzhou",
    "zz",
    "yjglj",
    "zzyjglj",
    "yingji",
    "yingjiju",
    "yingjiguanli",
    "anquan",
    "henan",
    "zhongguo",
    "china",
    "admin",
    "administrator",
    "password",
    "passw",
    "pass",
    "qwerty",
    "qwe",
    "asdf",
    "abc",
    "abcd",
    "root",
    "test",
    "welcome",
    "iloveyou",
    "woaini",
}
# Whole passwords refused as they are (digits included).
LOCAL_WEAK_PASSWORDS = {"123456", "12345678", "1qaz2wsx", "1q2w3e4r", "a1b2c3d4", "p@ssw0rd"}

CLASSES = (
    ("lower", re.compile(r"[a-z]")),
    ("upper", re.compile(r"[A-Z]")),
    ("digit", re.compile(r"[0-9]")),
    ("symbol", re.compile(r"[^A-Za-z0-9]")),
)


class CharacterClassValidator:
    """At least ``min_classes`` of: lower-case, upper-case, digits, symbols."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = sum(1 for _name, pattern in CLASSES if pattern.search(password))
        if present < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "The password must contain at least %(count)d of: lower-case letters, upper-case "
            "letters, digits, symbols."
        ) % {"count": self.min_classes}


LEET = str.maketrans({"@": "a", "0": "o", "1": "i", "3": "e", "$": "s"})


def _cores(password):
    """The letters of a password, lower-cased: as they are, and with look-alike digits and
    symbols inside the word read as letters (p@ssw0rd), once digits and symbols around
    the word are removed (Zhengzhou@2026)."""
    lowered = unicodedata.normalize("NFKC", password).lower()
    plain = re.sub(r"[^a-z]", "", lowered)
    inner = re.sub(r"^[^a-z]+|[^a-z]+$", "", lowered).translate(LEET)
    return {plain, re.sub(r"[^a-z]", "", inner)}


class LocalWeakPasswordValidator:
    """Refuses common and local weak passwords: the city and bureau names with any digits
    or symbols around them, and a few keyboard patterns."""

    def validate(self, password, user=None):
        lowered = unicodedata.normalize("NFKC", password).lower()
        if lowered in LOCAL_WEAK_PASSWORDS or _cores(password) & (LOCAL_WEAK_WORDS | {""}):
            raise ValidationError(
                _(
                    "This password is on the list of weak passwords (place names, the bureau's name, common words)."
                ),
                code="password_local_weak",
            )

    def get_help_text(self):
        return _("The password must not be a place name, the bureau's name or a common word.")
