"""Tags of the public search page.

The facet values and the results are built here, not by template loops: a page lists up
to 50 values and 10 results, and their nested tags were two fifths of an uncached search
page. Every text from the index is escaped here (``html.escape``, as Django's ``escape``);
the highlighted title and snippet arrive escaped and marked by the engine."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from portal.core.templatetags.portal_tags import calendar_date

register = template.Library()
SELECTED = '<li><strong aria-current="true">{} <span class="count">{}</span></strong></li>'
LINK = '<li><a href="{}">{} <span class="count">{}</span></a></li>'
HIT = '<li>\n<span class="badge">{}</span>\n<h3><a href="{}">{}</a></h3>\n{}{}\n</li>'
SNIPPET = '<p class="snippet">{}</p>\n'
DATE = '<time datetime="{}" class="meta">{}</time>'


@register.simple_tag
def facet_values(facet: dict, estimated: bool):
    """One facet's values as list items: a link that filters by the value, or the
    selected value in bold; each with its count ("约 N" when the counts are estimates)."""
    about = gettext("about %(n)s") if estimated else ""
    items = []
    for value in facet["values"]:
        count = about % {"n": value.count} if estimated else str(value.count)
        label = escape(value.label)
        if value.value == facet["selected"]:
            items.append(SELECTED.format(label, escape(count)))
        else:
            items.append(LINK.format(escape(value.href), label, escape(count)))
    return mark_safe("\n".join(items))


@register.simple_tag
def search_hits(hits):
    """The results as list items: type, linked title and snippet with the query's words
    marked, date."""
    items = []
    for hit in hits:
        snippet = SNIPPET.format(hit.snippet) if hit.snippet else ""
        date = ""
        if hit.date:
            day, shown = calendar_date(hit.date, "Y-m-d"), calendar_date(hit.date, "DATE_FORMAT")
            date = DATE.format(escape(day), escape(shown))
        items.append(
            HIT.format(escape(hit.type_label), escape(hit.url), hit.title_html, snippet, date)
        )
    return mark_safe("\n".join(items))
