"""The knowledge base's sections (``manage.py setup_site``): 政策法规, 应急预案 with 应急演练,
安全知识, 避难场所, 示范社区和学校 and 政府信息公开 (with its catalogue, annual reports and
replies) under the home page, empty and published, so that
``import_knowledge`` and editors have somewhere to put documents. Idempotent: a section
that exists (found by its slug) is left as the editors made it."""

from portal.home.setup import home_page

from .desk import attach_desk
from .models import (
    AnnualReportIndexPage,
    ArticleIndexPage,
    DemonstrationIndexPage,
    DisclosureCataloguePage,
    DisclosureIndexPage,
    DrillIndexPage,
    PlanIndexPage,
    RegulationIndexPage,
    ReplyIndexPage,
    ShelterIndexPage,
)

ORDER = 10

# model, slug, title, intro, shown in menus
SECTIONS = [
    (
        RegulationIndexPage,
        "regulations",
        "政策法规",
        "法律法规、规章和规范性文件，可按类别、主题、发布机构、年份和效力状态筛选。",
        True,
    ),
    (
        PlanIndexPage,
        "plans",
        "应急预案",
        "总体、专项、部门、基层和企业应急预案，以及预案之间的衔接关系。",
        True,
    ),
    (
        ArticleIndexPage,
        "safety-knowledge",
        "安全知识",
        "防灾避险、自救互救等安全知识，按主题分类。",
        True,
    ),
    (ShelterIndexPage, "shelters", "避难场所", "全市地震应急避难场所名录，可按区县查找。", True),
    (
        DemonstrationIndexPage,
        "demonstration-sites",
        "示范社区和学校",
        "综合减灾示范社区、地震安全示范社区和防震减灾科普教育示范学校。",
        True,
    ),
]
DISCLOSURE = (
    DisclosureIndexPage,
    "disclosure",
    "政府信息公开",
    "依照《中华人民共和国政府信息公开条例》，公开本局的政府信息、工作年度报告和建议提案办理结果。",
    True,
)
# The column's lists; the guide (信息公开指南) is the bureau's own text, written by editors.
DISCLOSURE_PARTS = [
    (
        DisclosureCataloguePage,
        "catalogue",
        "信息公开目录",
        "按主题分类和年份查阅本局主动公开的政府信息，每条信息均有索引号。",
        False,
    ),
    (
        AnnualReportIndexPage,
        "annual-reports",
        "政府信息公开工作年度报告",
        "每年1月31日前公布上一年度政府信息公开工作年度报告。",
        False,
    ),
    (
        ReplyIndexPage,
        "replies",
        "建议提案办理结果",
        "对人大代表建议和政协委员提案的答复，可按年份和类别筛选。",
        False,
    ),
]
DRILLS = (
    DrillIndexPage,
    "drills",
    "应急演练",
    "按预案组织的桌面推演、功能演练和实战演练，以及演练发现的问题和改进措施。",
    False,
)


def ensure(parent, model, slug, title, intro, in_menu):
    """The child of ``parent`` with ``slug``, created and published when missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, title=title, intro=intro, show_in_menus=in_menu)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def sections(home) -> dict:
    """{slug: section page} for every section, the drills index under "drills" and the
    parts of the 政府信息公开 column under "disclosure/<slug>"."""
    found = {spec[1]: ensure(home, *spec) for spec in SECTIONS}
    found["drills"] = ensure(found["plans"], *DRILLS)
    found["disclosure"] = ensure(home, *DISCLOSURE)
    for spec in DISCLOSURE_PARTS:
        found[f"disclosure/{spec[1]}"] = ensure(found["disclosure"], *spec)
    return found


def setup(stdout):
    found = sections(home_page())
    # The drills index sits below plans: the workflow of plans already covers it.
    attach_desk([page for slug, page in found.items() if slug != "drills"])
    stdout.write(f"  knowledge: {len(found)} sections, review workflow 知识库内容审核\n")
