"""Small helpers that read typed values from environment variables."""

import os

from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"Environment variable {name} must be a boolean, got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable {name} must be an integer.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def parse_policy(text: str) -> dict:
    """``"default-src 'self'; img-src 'self' data:"`` -> django-csp's directives dict, so
    the ``PORTAL_CSP`` environment variable can still replace the whole policy. A
    ``'nonce'`` word stands for the per-request nonce."""
    directives = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            values = [NONCE if w in ("'nonce'", "nonce") else w for w in words[1:]]
            directives[words[0].lower()] = values or True
    return directives
