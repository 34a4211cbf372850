"""Template tags of the knowledge lists."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.core import sitememo

register = template.Library()


@register.simple_tag(takes_context=True)
def list_rows(context, items, template_name):
    """The rows of a list page, each ``template_name`` rendered with ``item``.

    A row shows only its item (saved with the page: every publish starts a new site
    generation), the language and the list page's URL, and a surge shows the same rows
    over and over: each worker keeps the HTML of the ``LIST_ROWS_KEPT`` most recently
    shown rows for the current generation, keyed by all of these."""
    request = context.get("request")
    page = context.get("page")
    row_template = context.template.engine.get_template(template_name)
    base_key = (
        template_name,
        get_language(),
        request.get_host() if request is not None else "",
        getattr(page, "pk", None),
    )
    limit = getattr(settings, "LIST_ROWS_KEPT", 2000)
    if not sitememo.shared_with_visitors(request):
        limit = 0  # a preview renders every row and keeps none
    html = []
    for item in items:

        def render(item=item):
            with context.push(item=item):
                return row_template.render(context)

        key = (*base_key, item.pk)
        html.append(sitememo.recently_used("list_row_html", key, render, limit, request))
    return mark_safe("".join(html))
