"""The knowledge base's sections (``manage.py setup_site``): 政策法规, 应急预案 with 应急演练,
安全知识, 避难场所 and 示范社区和学校 under the home page, empty and published, so that
``import_knowledge`` and editors have somewhere to put documents. Idempotent: a section
that exists (found by its slug) is left as the editors made it."""

from .models import (
    ArticleIndexPage,
    DemonstrationIndexPage,
    DrillIndexPage,
    PlanIndexPage,
    RegulationIndexPage,
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
    """{slug: section page} for every section, the drills index under "drills"."""
    found = {spec[1]: ensure(home, *spec) for spec in SECTIONS}
    found["drills"] = ensure(found["plans"], *DRILLS)
    return found


def setup(stdout):
    from portal.home.setup import home_page

    from .desk import attach_desk

    found = sections(home_page())
    # The drills index sits below plans: the workflow of plans already covers it.
    attach_desk([page for slug, page in found.items() if slug != "drills"])
    stdout.write(f"  knowledge: {len(found)} sections, review workflow 知识库内容审核\n")
