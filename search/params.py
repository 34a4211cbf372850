"""Reading search parameters from a request, with messages for bad values."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .engines import SearchQuery
from .engines.base import FACETS, SORTS
from .sources import PUBLIC

MAX_PAGE = 1000
MAX_PER_PAGE = 50
MAX_FILTER_CHARS = 100


class BadParameter(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _positive_int(params, name: str, default: int, maximum: int) -> int:
    raw = params.get(name, "")
    if raw in ("", None):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        message = _("“%(value)s” is not a whole number.") % {"value": raw[:20]}
        raise BadParameter(name, message) from None
    if value < 1 or value > maximum:
        raise BadParameter(name, _("Must be between 1 and %(maximum)d.") % {"maximum": maximum})
    return value


def parse(params, *, audience: str = PUBLIC, per_page: int = 10, strict: bool = True):
    """A :class:`SearchQuery` from GET parameters. With ``strict`` a bad value raises
    :class:`BadParameter` (for the API); otherwise it falls back to the default."""
    try:
        page = _positive_int(params, "page", 1, MAX_PAGE)
    except BadParameter:
        if strict:
            raise
        page = 1
    try:
        per_page = _positive_int(params, "per_page", per_page, MAX_PER_PAGE)
    except BadParameter:
        if strict:
            raise
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        if strict:
            raise BadParameter("sort", _("Sort must be “relevance” or “date”."))
        sort = "relevance"
    filters = {}
    for name in FACETS:
        value = (params.get(name) or "").strip()[:MAX_FILTER_CHARS]
        if not value:
            continue
        if name == "year" and not (value.isdigit() and len(value) == 4):
            if strict:
                raise BadParameter("year", _("Year must have four digits, e.g. 2024."))
            continue
        filters[name] = value
    return SearchQuery(
        text=params.get("q") or "",
        audience=audience,
        filters=filters,
        sort=sort,
        page=page,
        per_page=per_page,
    )
