from django import template
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

register = template.Library()


def footer_models():
    return [
        m for m in apps.get_models() if issubclass(m, Page) and getattr(m, "footer_link", False)
    ]


@register.simple_tag
def footer_pages():
    """Live, public pages of the models that ask for a footer link (``footer_link = True``),
    in tree order: one query (content types come from Django's cache)."""
    types = ContentType.objects.get_for_models(*footer_models()).values()
    return list(
        Page.objects.live()
        .public()
        .filter(content_type__in=types)
        .only("id", "title", "path", "depth", "url_path")
        .order_by("path")
    )
