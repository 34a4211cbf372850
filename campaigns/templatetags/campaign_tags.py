from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def thousands(value):
    """1130562 → 1,130,562 (the grouping used in Chinese statistical tables too)."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value


@register.simple_tag
def activity_times(activity):
    """Start – end of an activity as two ``<time>`` elements in Beijing time; the end
    without its date when it is on the same day. One call instead of six date filters
    per listed activity."""
    start, end = timezone.localtime(activity.start), timezone.localtime(activity.end)
    if end.date() == start.date():
        end_text = end.strftime("%H:%M")
    else:
        end_text = date_format(end, "DATETIME_FORMAT")
    return format_html(
        '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>',
        start.strftime("%Y-%m-%dT%H:%M:%S%z"),
        date_format(start, "DATETIME_FORMAT"),
        end.strftime("%Y-%m-%dT%H:%M:%S%z"),
        end_text,
    )
