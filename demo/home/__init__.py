"""Demo content for the site shell: the home page, about pages, bureau settings and an
example alert banner. Written from the bureau facts in our own words."""

import datetime as dt

from django.utils import timezone
from wagtail.models import Page, Site

from portal.core.models import AlertBanner, AlertLevel, BureauSettings, HazardType
from portal.home.models import HomePage, StandardPage
from portal.home.setup import home_page

from . import alerts, statement

ORDER = 0

BUREAU_NAME = "郑州市应急管理局"

ABOUT_PAGES = [
    (
        "command-structure",
        "“1+12”应急指挥体系",
        "市应急救援总指挥部统筹全局，12个专项应急指挥部分工负责。",
        [
            ("heading", "总指挥部与专项指挥部"),
            (
                "paragraph",
                "<p>2019年，市政府组建郑州市人民政府应急救援总指挥部，办公室设在市应急管理局。"
                "总指挥部之下设立12个专项应急指挥部，合称“1+12”指挥体系。</p>",
            ),
            (
                "paragraph",
                "<ul><li>防汛抗旱</li><li>生态环境</li><li>社会安全</li><li>工业安全</li>"
                "<li>森林防火</li><li>地质灾害</li><li>交通运输</li><li>公共卫生</li>"
                "<li>食品药品</li><li>消防安全</li><li>安全生产</li><li>抗震救灾</li></ul>",
            ),
            ("heading", "议事协调机构"),
            (
                "paragraph",
                "<p>市应急管理局承担8个议事协调机构的日常工作：市应急救援总指挥部、市减灾委员会、"
                "市安全生产应急指挥部、市森林防灭火指挥部、市消防安全应急指挥部、市防汛抗旱指挥部、"
                "市抗震救灾应急指挥部和市安全生产委员会。</p>",
            ),
        ],
    ),
    (
        "rescue-forces",
        "应急救援力量与物资保障",
        "110支规模以上救援队伍、6311名队员，市、县、乡三级储备物资。",
        [
            ("heading", "救援队伍"),
            (
                "paragraph",
                "<p>全市现有规模以上应急救援队伍110支，共6311人。综合性消防救援队伍和郑州市应急救援支队"
                "是骨干力量；应急救援支队由原郑州矿山救护大队转型而来，从矿山救护拓展为多灾种救援。"
                "郑州市蓝天救援队、红十字水上救援队等社会力量积极参与，航空医疗救援基地也已纳入全市救援体系。</p>",
            ),
            ("heading", "物资储备"),
            (
                "paragraph",
                "<p>应急物资实行市、县、乡（社区）分级储备，政府储备、企业储备、社会组织储备与家庭储备相结合，"
                "并掌握重点企业的应急生产能力。自2020年4月起，救灾物资由市粮食和物资储备局负责收储和轮换，"
                "市应急管理局提出需求并决定调用。</p>",
            ),
        ],
    ),
    (
        "community-resilience",
        "基层应急能力建设",
        "“六有”标准，乡镇“一办一队一库一平台”，村级“一站两员”。",
        [
            (
                "paragraph",
                "<p>基层应急管理按“六有”标准建设：有班子、有机制、有预案、有队伍、有物资、有培训演练。"
                "乡镇（街道）建设“一办一队一库一平台”，即应急办公室、应急队伍、物资库和指挥平台；"
                "村（社区）建设“一站两员”，即应急服务站、安全员和灾害信息员。</p>",
            ),
            (
                "paragraph",
                "<p>全市建成市、县、乡、村四级应急广播体系，每年开展安全培训和宣传教育超过一百万人次。</p>",
            ),
        ],
    ),
]


def _stream(items):
    return [
        {"type": "heading", "value": {"text": value, "level": "h2"}}
        if kind == "heading"
        else {"type": "paragraph", "value": value}
        for kind, value in items
    ]


def _home() -> HomePage:
    return home_page()


def load(stdout):
    home = _home()
    about = home.get_children().filter(slug="about").first()
    if about is None:
        about = StandardPage(
            title="机构概况",
            slug="about",
            summary="市应急管理局于2019年机构改革中组建。",
            body=_stream(
                [
                    (
                        "paragraph",
                        "<p>郑州市应急管理局在2019年机构改革中组建，负责全市应急管理、安全生产监督管理、"
                        "防灾减灾救灾和应急救援工作，统筹市应急救援总指挥部办公室的日常运转。</p>",
                    )
                ]
            ),
            show_in_menus=True,
        )
        home.add_child(instance=about)
        about.save_revision().publish()
    for slug, title, summary, body in ABOUT_PAGES:
        page = about.get_children().filter(slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, summary=summary, body=_stream(body))
            about.add_child(instance=page)
        else:
            page = page.specific
            page.title, page.summary, page.body = title, summary, _stream(body)
        page.save_revision().publish()

    site = Site.objects.get(is_default_site=True)
    settings = BureauSettings.for_site(site)
    settings.bureau_name = BUREAU_NAME
    settings.address = "郑州市金水区示例路100号"
    settings.postcode = "450000"
    settings.hotline = "0371-12350"
    settings.emergency_number = "119"
    settings.email = "yjglj@example.gov.cn"
    settings.icp_number = "豫ICP备00000000号"
    settings.site_identifier = "4101000000"
    settings.save()

    # An expired example, so staff see how a banner is written without it showing.
    AlertBanner.objects.update_or_create(
        title="暴雨蓝色预警（演示）",
        defaults={
            "level": AlertLevel.BLUE,
            "hazard": HazardType.RAINSTORM,
            "message": "预计未来24小时有暴雨，请减少外出，远离低洼地带和河道。",
            "active_from": timezone.now() - dt.timedelta(days=30),
            "active_to": timezone.now() - dt.timedelta(days=29),
            "enabled": True,
        },
    )
    stdout.write("  home page, about pages, bureau settings, alert banner example")
    statement.load(home, stdout)
    alerts.load(stdout)


QUICK_LINK_SLUGS = [
    ("shelters", "避难场所", "就近查找应急避难场所"),
    ("plans", "应急预案", "总体、专项与部门预案"),
    ("regulations", "政策法规", "法律法规与规范性文件"),
    ("safety-knowledge", "安全知识", "防灾避险与自救互救"),
    ("campaigns", "宣传活动", "“5·12”与安全生产月"),
    ("command-structure", "指挥体系", "“1+12”应急指挥体系"),
]


def finish(stdout):
    """After every app has loaded, point the home page tiles at the sections that exist."""
    home = HomePage.objects.first()
    tiles = []
    for slug, title, description in QUICK_LINK_SLUGS:
        page = Page.objects.live().descendant_of(home).filter(slug=slug).first()
        if page:
            tiles.append(
                {
                    "type": "link",
                    "value": {
                        "page": page.pk,
                        "url": "",
                        "title": title,
                        "description": description,
                    },
                }
            )
    home.quick_links = tiles
    home.save_revision().publish()
