from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Site


def site_menu(request):
    """Top-level sections marked “show in menus”, for the main navigation."""

    def menu():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return list(
            site.root_page.get_children()
            .live()
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )

    return {"site_menu": menu}


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
