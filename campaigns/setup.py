"""What the campaign desk needs on a bureau's first day (``manage.py setup_site``): the
宣传活动 section under the home page with its review workflow, and the recurring campaign
kinds. Idempotent; editors' changes to existing pages and kinds are kept."""

from wagtail.models import Page

from portal.home.setup import home_page

from .models import CampaignIndexPage, CampaignKind
from .services.desk import attach_desk

ORDER = 20
KINDS = [
    ("disaster-reduction-day", "防灾减灾日", "每年5月12日前后的“5·12”防灾减灾日主题宣传周。", 10),
    ("safety-month", "安全生产月", "每年6月全国统一开展的安全生产月活动。", 20),
    ("winter-fire-safety", "冬春火灾防控", "每年冬春季节开展的火灾防控和消防安全宣传。", 30),
]
INTRO = (
    "“5·12”防灾减灾日、安全生产月和“五进”宣传活动：活动日历、宣传资料、覆盖人次统计和安全知识竞答。"
)


def section(home: Page) -> CampaignIndexPage:
    index = CampaignIndexPage.objects.child_of(home).first()
    if index is None:
        index = CampaignIndexPage(
            title="宣传活动", slug="campaigns", show_in_menus=True, intro=INTRO
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    attach_desk(index)
    return index


def kinds() -> dict:
    found = {}
    for slug, name, description, order in KINDS:
        found[slug], _created = CampaignKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    return found


def setup(stdout):
    section(home_page())
    kinds()
    stdout.write("  campaigns: section 宣传活动, review workflow, campaign kinds\n")
