"""The public search page and the JSON API."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.core.pagecache import browser_max_age, on_hit, public_page

from . import cache, services, stats
from .engines.base import FACETS
from .params import BadParameter, parse

PAGE_WINDOW = 2
# Values listed per facet (the engines count up to 30): the most frequent ones are what a
# visitor on a phone picks from, and each one is a link to build and render.
FACET_VALUES_SHOWN = 10


def _without(request, name: str) -> str:
    """The current query string without ``name`` and the page, URL-encoded."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop(name, None)
    return params.urlencode()


def _prefix(encoded: str) -> str:
    """``?encoded&``, or ``?`` alone: a query string to append a parameter to."""
    return f"?{encoded}&" if encoded else "?"


def _sort_hrefs(request) -> dict[str, str]:
    """The links to each order, from page 1."""
    rest = _without(request, "sort")
    return {"relevance": f"?{rest}" if rest else "?", "date": _prefix(rest) + "sort=date"}


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


def _anonymous(request) -> bool:
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _run(query):
    return services.run_search(query), services.editors_picks(query.text)


def _search(request, query):
    """``(results, picks)`` of a public query: from the result cache for anonymous
    visitors, fresh for everyone else. Page 1 of every search is counted."""
    if _anonymous(request) and cache.cacheable(query):
        results, picks, _hit = cache.search(query, _run)
    else:
        results, picks = _run(query)
    if query.page == 1:
        stats.record(query.text, results.total)
    return results, picks


@public_page
@require_GET
def search(request):
    """Search page: works without JavaScript; the script only adds suggestions.

    Anonymous answers are kept by the page cache (searches answered from it are still
    counted, through its on-hit callback) and, behind it, by the result cache; answers
    from the backup engine are not kept by the page cache."""
    query = parse(request.GET, strict=False)
    results, picks = _search(request, query) if query.text else (None, [])
    pages = 0
    if results is not None and results.total:
        pages = min((results.total + query.per_page - 1) // query.per_page, 1000)
    facets = []
    if results is not None:
        for name, label in FACETS.items():
            counted = results.facets.get(name) or []
            values = counted[:FACET_VALUES_SHOWN]
            selected = query.filters.get(name)
            if not (values or selected):
                continue
            # One encoding of the rest of the query per facet, not one per value.
            rest = _without(request, name)
            prefix = _prefix(rest)
            for value in values:
                value.href = prefix + urlencode({name: value.value})
            labels = {v.value: v.label for v in counted}
            facets.append(
                {
                    "name": name,
                    "label": label,
                    "values": values,
                    "selected": selected,
                    "selected_label": labels.get(selected, selected),
                    "remove_href": f"?{rest}",
                }
            )
    context = {
        "query": query,
        "results": results,
        "picks": picks,
        "facets": facets,
        "pages": pages,
        "page_links": _page_links(query.page, pages) if pages > 1 else [],
        # Links to other pages and sorts: the query string encoded once, not once a link.
        "page_href": _prefix(_without(request, "page")) + "page=",
        "sort_hrefs": _sort_hrefs(request),
        "has_filters": bool(query.filters),
        "fewer_words": query.terms[:3] if len(query.terms) > 1 else [],
    }
    response = render(request, "search/search.html", context)
    if results is not None and results.notice:
        patch_cache_control(response, no_cache=True)
    else:
        # Browsers ask again every time (a 304 from the page cache when nothing changed),
        # so a page published a moment ago shows up in the visitor's next search.
        browser_max_age(response, 0)
        if results is not None and query.page == 1:
            on_hit(response, "search.stats.record", query.text, results.total)
    return response


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
    results, picks = _search(request, query)
    payload = results.as_json()
    payload["query"] = query.text
    payload["picks"] = picks
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_suggest(request):
    """``GET /api/search/suggest/?q=…``: up to eight titles for the search box."""
    text = request.GET.get("q", "")
    if _anonymous(request):
        suggestions = cache.suggestions(text, services.suggest)
    else:
        suggestions = services.suggest(text)
    return JsonResponse(
        {"query": text[:100], "suggestions": suggestions},
        json_dumps_params={"ensure_ascii": False},
    )
