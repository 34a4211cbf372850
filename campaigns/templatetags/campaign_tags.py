from functools import lru_cache

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def thousands(value):
    """1130562 → 1,130,562 (the grouping used in Chinese statistical tables too)."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value


@register.simple_tag
def figure_rows(rows):
    """The rows of the table under a chart (label, people reached, activities), written
    in one pass: a campaign's charts have up to ~35 rows, three variables each."""
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td></tr>',
        ((row.label, thousands(row.value), row.count) for row in rows),
    )


@register.simple_tag
def activity_times(activity):
    """Start – end of an activity as two ``<time>`` elements in Beijing time; the end
    without its date when it is on the same day. One call instead of six date filters
    per listed activity, and remembered: a campaign page lists the same times on every
    view."""
    return _times_html(
        activity.start, activity.end, get_language(), timezone.get_current_timezone_name()
    )


@lru_cache(maxsize=20000)
def _times_html(start, end, language, zone):
    """``language`` and ``zone`` (the active ones) are part of the key: the text depends
    on them."""
    start, end = timezone.localtime(start), timezone.localtime(end)
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


@register.simple_tag
def filter_select(field):
    """The ``<select>`` of a filter (a ChoiceField of the activity list), written in one
    pass: Django's widget templates render each of the ~70 options through the template
    engine, a tenth of the page's cost."""
    current = field.value()
    current = "" if current is None else str(current)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) == current else "", label)
            for value, label in field.field.choices
        ),
    )
    invalid = ""
    if field.errors:  # the template prints the errors under the id <select id>_error
        invalid = format_html(
            ' aria-invalid="true" aria-describedby="{}_error"', field.id_for_label
        )
    return format_html(
        '<select name="{}" id="{}"{}>{}</select>',
        field.html_name,
        field.id_for_label,
        invalid,
        options,
    )
