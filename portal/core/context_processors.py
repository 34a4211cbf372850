from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page

from . import sitememo


def _footer_type_ids() -> set[int]:
    """Content types of the page models that ask for a footer link (``footer_link = True``:
    网站地图, 隐私声明, the 政府信息公开 column); Django caches the lookups."""
    models = [
        m for m in apps.get_models() if issubclass(m, Page) and getattr(m, "footer_link", False)
    ]
    return {ct.pk for ct in ContentType.objects.get_for_models(*models).values()}


def site_menu(request):
    """Top-level sections marked “show in menus”, for the main navigation, and the
    top-level pages linked from the footer; remembered by the worker until the site
    changes (``sitememo``), computed only when a template uses them."""

    def menu():
        return [page for page in sitememo.top_pages(request) if page.show_in_menus]

    def footer():
        types = sitememo.remember("footer_types", _footer_type_ids, request)
        return [page for page in sitememo.top_pages(request) if page.content_type_id in types]

    return {"site_menu": menu, "site_footer": footer}


def content_language(request):
    """``content_lang``: a ` lang="zh-Hans"` attribute for elements holding editors' content
    while the interface is in another language. The pages are written in Chinese only
    (WAGTAIL_CONTENT_LANGUAGES), so in English mode their titles and texts must still be
    announced as Chinese, or screen readers read them with an English voice."""
    content = settings.WAGTAIL_CONTENT_LANGUAGES[0][0]
    if translation.get_language() == content:
        return {"content_lang": ""}
    return {
        "content_lang": mark_safe(f' lang="{translation.to_locale(content).replace("_", "-")}"')
    }
