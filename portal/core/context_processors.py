from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site


def _footer_type_ids() -> set[int]:
    """Content types of the page models that ask for a footer link (``footer_link = True``:
    网站地图, 隐私声明, the 政府信息公开 column); Django caches the lookups."""
    models = [
        m for m in apps.get_models() if issubclass(m, Page) and getattr(m, "footer_link", False)
    ]
    return {ct.pk for ct in ContentType.objects.get_for_models(*models).values()}


def site_menu(request):
    """Top-level sections marked “show in menus”, for the main navigation, and the
    top-level pages linked from the footer; both from one query, only when a template
    uses them."""
    found = {}

    def top_pages():
        if "pages" not in found:
            site = Site.find_for_request(request)
            found["pages"] = (
                []
                if site is None
                else list(
                    site.root_page.get_children()
                    .live()
                    .only(
                        "id", "title", "url_path", "path", "depth", "show_in_menus", "content_type"
                    )
                )
            )
        return found["pages"]

    def menu():
        return [page for page in top_pages() if page.show_in_menus]

    def footer():
        types = _footer_type_ids()
        return [page for page in top_pages() if page.content_type_id in types]

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
