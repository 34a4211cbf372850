from django import template

from portal.core.models import AlertBanner

register = template.Library()


@register.inclusion_tag("core/alert_banner.html")
def alert_banner():
    """Renders the currently active emergency banner, if any."""
    return {"banner": AlertBanner.objects.current()}


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
