from django import template

register = template.Library()


@register.filter
def thousands(value):
    """1130562 → 1,130,562 (the grouping used in Chinese statistical tables too)."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value
