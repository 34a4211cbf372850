"""The site shell a bureau starts with (``manage.py setup_site``): the home page as the
default site's root, the 网站地图 page, and the bureau's name in its settings. Idempotent; nothing an editor
changed is overwritten, and no demo content (about pages, example banner) is created."""

from wagtail.models import Locale, Page, Site

from portal.core.baseurl import site_address
from portal.core.divisions import CITY_NAME
from portal.core.models import BureauSettings

from .models import HomePage, SiteMapPage

ORDER = 0
BUREAU_NAME = f"{CITY_NAME}应急管理局"
DEFAULT_BUREAU_NAME = BureauSettings._meta.get_field("bureau_name").default


def home_page() -> HomePage:
    """The home page, created (and made the default site's root) when missing."""
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    if root is None:
        # A database flushed by a test run lost the root that Wagtail's migration made.
        Locale.objects.get_or_create(language_code="zh-hans")
        root = Page.add_root(title="Root", slug="root")
    home = HomePage(
        title=BUREAU_NAME,
        slug="portal-home",
        intro="防范化解重大安全风险，保护人民群众生命财产安全。",
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page, site.site_name = home, BUREAU_NAME
    site.save()
    # Wagtail's own migration creates a plain "Welcome" page; the portal's home replaces it.
    root.get_children().exact_type(Page).delete()
    return home


def site_map(home: HomePage) -> SiteMapPage:
    """The 网站地图 page, created when missing; it builds itself from the page tree."""
    page = SiteMapPage.objects.child_of(home).first()
    if page is None:
        page = SiteMapPage(
            title="网站地图", slug="site-map", intro="本网站全部栏目和页面一览。", levels=3
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def setup(stdout):
    site_map(home_page())
    site = Site.objects.get(is_default_site=True)
    address = site_address()
    if address and (site.hostname, site.port) != address:
        # The API's html_url and page.full_url come from the Site record.
        site.hostname, site.port = address
        site.save()
    settings = BureauSettings.for_site(site)
    if settings.bureau_name in ("", DEFAULT_BUREAU_NAME):
        settings.bureau_name = BUREAU_NAME
        settings.save()
    stdout.write(f"  site: home page, bureau settings ({settings.bureau_name})\n")
