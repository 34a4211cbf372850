"""The public search page and the JSON API."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import services
from .engines.base import FACETS
from .params import BadParameter, parse

PAGE_WINDOW = 2


def _href(request, **changes) -> str:
    """The current query string with some parameters replaced; the page is reset."""
    params = request.GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value:
            params[key] = value
        else:
            params.pop(key, None)
    return "?" + params.urlencode()


def _page_links(page: int, pages: int) -> list[int | None]:
    """Page numbers to show; None marks a gap."""
    shown = {1, pages} | set(range(max(1, page - PAGE_WINDOW), min(pages, page + PAGE_WINDOW) + 1))
    out, last = [], 0
    for n in sorted(shown):
        if n - last > 1:
            out.append(None)
        out.append(n)
        last = n
    return out


@require_GET
def search(request):
    """Search page: works without JavaScript; the script only adds suggestions."""
    query = parse(request.GET, strict=False)
    results = services.run_search(query) if query.text else None
    picks = services.editors_picks(query.text) if query.text else []
    if results is not None and query.page == 1:
        services.log_query(query.text, results.total)
    pages = 0
    if results is not None and results.total:
        pages = min((results.total + query.per_page - 1) // query.per_page, 1000)
    facets = []
    if results is not None:
        for name, label in FACETS.items():
            values = results.facets.get(name) or []
            selected = query.filters.get(name)
            for value in values:
                value.href = _href(request, **{name: value.value})
            if values or selected:
                labels = {v.value: v.label for v in values}
                facets.append(
                    {
                        "name": name,
                        "label": label,
                        "values": values,
                        "selected": selected,
                        "selected_label": labels.get(selected, selected),
                        "remove_href": _href(request, **{name: ""}),
                    }
                )
    context = {
        "query": query,
        "results": results,
        "picks": picks,
        "facets": facets,
        "pages": pages,
        "page_links": _page_links(query.page, pages) if pages > 1 else [],
        "has_filters": bool(query.filters),
        "fewer_words": query.terms[:3] if len(query.terms) > 1 else [],
    }
    return render(request, "search/search.html", context)


def _error(field: str, message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message, "field": field}, status=status)


@require_GET
def api_search(request):
    """``GET /api/search/?q=…&type=…&topic=…&issuer=…&year=…&status=…&sort=…&page=…``"""
    try:
        query = parse(request.GET, strict=True)
    except BadParameter as exc:
        return _error(exc.field, exc.message)
    if not query.text:
        return _error("q", _("Please enter something to search for."))
    results = services.run_search(query)
    if query.page == 1:
        services.log_query(query.text, results.total)
    payload = results.as_json()
    payload["query"] = query.text
    payload["picks"] = services.editors_picks(query.text)
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_suggest(request):
    """``GET /api/search/suggest/?q=…``: up to eight titles for the search box."""
    text = request.GET.get("q", "")
    return JsonResponse(
        {"query": text[:100], "suggestions": services.suggest(text)},
        json_dumps_params={"ensure_ascii": False},
    )
