import datetime as dt

from django import template
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from portal.core import baseurl, sitememo
from portal.core.districts import District
from portal.core.models import AlertBanner, BureauSettings

register = template.Library()


@register.inclusion_tag("core/alert_banner.html", takes_context=True)
def alert_banner(context):
    """Renders the currently active emergency banner, if any."""
    return {"banner": AlertBanner.objects.current_for(context.get("request"))}


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination and filters)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def section_state(context, item):
    """How a menu item relates to the current page, for ``aria-current``: "page" on the
    section's own page, "true" anywhere below it, "" elsewhere. A Wagtail tree path grows
    by four characters per level, so a page lies in a section when its path starts with
    the section's whole path."""
    path = getattr(context.get("page"), "path", "") or ""
    if not isinstance(path, str) or not path or not item.path:
        return ""
    if path == item.path:
        return "page"
    return "true" if path.startswith(item.path) else ""


@register.simple_tag(takes_context=True)
def meta_description(context, page=None):
    """The page's description for search engines and link previews: the editor's search
    description, else its summary or introduction, else the bureau's name and the title."""
    for field in ("search_description", "summary", "intro"):
        text = (getattr(page, field, "") or "").strip()
        if text:
            return text[:160]
    request = context.get("request")
    bureau = BureauSettings.for_request(request).bureau_name if request else ""
    title = getattr(page, "title", "") or ""
    return f"{bureau}：{title}" if isinstance(title, str) and title else bureau


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None):
    """The page's address without filters or paging: filtered views point search engines
    at the list itself."""
    request = context.get("request")
    if request is None:
        return ""
    if page is not None and hasattr(page, "get_full_url"):
        return page.get_full_url(request)
    return baseurl.absolute(request.path, request)


@register.simple_tag(takes_context=True)
def preview_title(context, page=None):
    """The title for link previews: the page's SEO title or title, else the bureau's name
    (views such as search have no Wagtail page; their ``page`` may be a results page)."""
    for field in ("seo_title", "title"):
        text = getattr(page, field, "") or ""
        if isinstance(text, str) and text.strip():
            return text
    request = context.get("request")
    return BureauSettings.for_request(request).bureau_name if request else ""


@register.inclusion_tag("core/shelter_finder.html", takes_context=True)
def shelter_finder(context, shelters_page, heading_level=2):
    """The nearest-shelter finder: a location button (the script computes distances on the
    phone from the shelter list's ``nearby/``), a landmark box and a district choice
    that works without JavaScript (the shelter list filtered by district)."""

    if shelters_page is None:
        return {"finder": None}
    url = shelters_page.get_url(request=context.get("request"))
    return {
        "finder": {
            "list_url": url,
            "data_url": f"{url}nearby/",
            "districts": District.choices,
            "heading_tag": f"h{heading_level}",
        }
    }


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The ancestors shown in the breadcrumbs (below the tree's root), remembered per
    parent until the site changes."""
    if page is None or not getattr(page, "path", None):
        return []
    return sitememo.ancestors(page, context.get("request"))


@register.simple_tag
def page_window(page_obj):
    """The page numbers a pagination bar shows, as ``(number, kind)`` with kind "current",
    "link" or "gap" (an ellipsis): the first and last pages, two either side of the
    current one, and one gap on each side when pages are left out. Only the numbers that
    can show are looked at, so a list of 10,000 pages costs no more than one of 10."""
    last = page_obj.paginator.num_pages
    current = page_obj.number
    candidates = {1, 2, last - 1, last, *range(current - 2, current + 3)}
    window = []
    for number in sorted(n for n in candidates if 1 <= n <= last):
        if number == current:
            window.append((number, "current"))
        elif number in (1, last) or abs(number - current) <= 2:
            window.append((number, "link"))
        elif number in (2, last - 1):
            window.append((number, "gap"))
    return window


_choice_labels = {}


@register.filter
def choice_label(obj, field_name):
    """``obj.get_<field_name>_display()``, with the field's choices read once per process
    (Django rebuilds them on every call; lists show one or two per row). The label is
    translated here, in the language of the request."""
    field = obj._meta.get_field(field_name)
    labels = _choice_labels.get(field)
    if labels is None:
        labels = _choice_labels[field] = dict(field.flatchoices)
    value = getattr(obj, field.attname)
    return str(labels.get(value, value))


@register.simple_tag(takes_context=True)
def row_url(context, item):
    """``{% pageurl item %}`` for a page below the current one (a row of a list, a link of
    the home page), at a fraction of its cost (Wagtail looks the site up and reverses a
    URL for every link: a third of a list row's time). A page's URL is its site root's
    URL plus the rest of its tree path (``url_path``), so a descendant of the current page
    is the current page's URL plus the part of its ``url_path`` below it. Anything else (another branch, several sites whose
    roots could lie below the current page, no current page) goes through Wagtail."""
    request = context.get("request")
    page = context.get("page")
    base = getattr(page, "url_path", None)
    if base and item.url_path.startswith(base) and _standard_urls(item) and request is not None:
        urls = request.__dict__.setdefault("_portal_row_base_urls", {})
        prefix = urls.get(page.pk)
        if prefix is None:
            simple = _standard_urls(page) and len(page._get_site_root_paths(request)) == 1
            prefix = urls[page.pk] = (simple and page.get_url(request)) or ""
        if prefix.startswith("/") and prefix.endswith("/"):
            return prefix + item.url_path[len(base) :]
    return item.get_url(request)


def _standard_urls(page) -> bool:
    """The page's URL is Wagtail's usual one: no language prefix, no own URL method."""
    return type(page).get_url_parts is Page.get_url_parts and not settings.WAGTAIL_I18N_ENABLED


_dates = {}
MAX_REMEMBERED_DATES = 20000


@register.filter(expects_localtime=True, is_safe=False)
def calendar_date(value, arg=None):
    """Django's ``date`` filter for calendar dates (2026年5月12日 in Chinese), remembered
    per date, format and language: formatting costs more than the rest of a list row,
    and a list shows the same few hundred dates over and over. Date-times and anything
    else go to Django's filter unchanged (their text depends on the time zone)."""
    if type(value) is not dt.date:
        return date_filter(value, arg)
    key = (value, arg, get_language())
    text = _dates.get(key)
    if text is None:
        text = date_filter(value, arg)
        if len(_dates) < MAX_REMEMBERED_DATES:
            _dates[key] = text
    return text


# Fragments kept per worker by {% kept %}, the most recently used: the footer (one per
# language and host) and the filter panels and page links of lists (one per list and query
# string; about 3 KB each).
KEPT_FRAGMENTS = 500


@register.tag
def kept(parser, token):
    """``{% kept "name" [value ...] %}…{% endkept %}``: the enclosed template, rendered
    once per site generation, language, host and values in each worker, for parts that
    show nothing else: the footer (the bureau's settings and footer pages, which every
    save that changes them replaces with a new generation), a list's filter panel and
    page links (its page and query string). Whatever else the part shows must be among
    the values."""
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("{% kept %} needs a name")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parts)


class KeptNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        return sitememo.kept_html(
            "kept_fragments",
            parts,
            lambda: self.nodelist.render(context),
            KEPT_FRAGMENTS,
            context.get("request"),
        )


@register.simple_tag(takes_context=True)
def kept_rows(context, items, template_name, as_name, key=None, **extra):
    """Each of ``items`` rendered with ``template_name`` (the item as ``as_name``, and
    ``extra`` in the context), e.g. ``{% kept_rows items item_template "item" %}``.

    A row shows its item, saved with its page (every publish starts a new site
    generation), and a surge shows the same rows over and over: each worker keeps the
    HTML of the ``LIST_ROWS_KEPT`` most recently shown, per item, template, ``extra``,
    ``key`` (whatever else the row shows, e.g. the list page whose address its link
    starts with), time zone, language and host (``sitememo.kept_html``)."""
    request = context.get("request")
    row_template = context.template.engine.get_template(template_name)
    parts = (template_name, key, timezone.get_current_timezone_name(), *sorted(extra.items()))
    limit = getattr(settings, "LIST_ROWS_KEPT", 4000)
    html = []
    for item in items:

        def render(item=item):
            with context.push({as_name: item, **extra}):
                return row_template.render(context)

        html.append(sitememo.kept_html("kept_rows", (*parts, item.pk), render, limit, request))
    return mark_safe("".join(html))
