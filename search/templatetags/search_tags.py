"""Tags of the public search page."""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()
SELECTED = '<li><strong aria-current="true">{} <span class="count">{}</span></strong></li>'
LINK = '<li><a href="{}">{} <span class="count">{}</span></a></li>'


@register.simple_tag
def facet_values(facet: dict, estimated: bool):
    """One facet's values as list items: a link that filters by the value, or the
    selected value in bold; each with its count ("约 N" when the counts are estimates).

    Built here, not by a template loop: the page lists up to 50 values and the loop's
    nested tags were a fifth of an uncached search page."""
    about = gettext("about %(n)s") if estimated else ""
    items = []
    for value in facet["values"]:
        count = about % {"n": localize(value.count)} if estimated else localize(value.count)
        if value.value == facet["selected"]:
            item = format_html(SELECTED, value.label, count)
        else:
            item = format_html(LINK, value.href, value.label, count)
        items.append(item)
    return mark_safe("\n".join(items))  # each item escaped by format_html
