"""factory_boy factories for tests and synthetic data.

Pages are created under their parent with ``parent=...`` (wagtail_factories); they are
live without a revision. Call ``page.save_revision().publish()`` when a test needs the
publish signal (e.g. document relations)."""

import datetime as dt

import factory
import wagtail_factories

from .choices import DocType, PlanClass, PlanLevel, Status, Topic
from .models import (
    ArticleIndexPage,
    ArticlePage,
    DemonstrationIndexPage,
    DemonstrationSitePage,
    DrillIndexPage,
    DrillPage,
    PlanIndexPage,
    PlanPage,
    RegulationIndexPage,
    RegulationPage,
    ShelterIndexPage,
    ShelterPage,
)


class RegulationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegulationIndexPage

    title = "政策法规"
    slug = "regulations"
    show_in_menus = True


class PlanIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlanIndexPage

    title = "应急预案"
    slug = "plans"
    show_in_menus = True


class DrillIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DrillIndexPage

    title = "应急演练"
    slug = "drills"


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "安全知识"
    slug = "safety-knowledge"
    show_in_menus = True


class ShelterIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ShelterIndexPage

    title = "避难场所"
    slug = "shelters"
    show_in_menus = True


class DemonstrationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DemonstrationIndexPage

    title = "示范社区和学校"
    slug = "demonstration-sites"


def _paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class RegulationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegulationPage

    title = factory.Sequence(lambda n: f"测试规范性文件{n}")
    slug = factory.Sequence(lambda n: f"regulation-{n}")
    doc_type = DocType.NORMATIVE
    doc_number = factory.Sequence(lambda n: f"郑应急〔2024〕{n}号")
    issuer = "郑州市应急管理局"
    topic = Topic.SAFETY_PRODUCTION
    issued_on = dt.date(2024, 3, 1)
    status = Status.CURRENT
    summary = "测试文件摘要"
    body = factory.LazyFunction(lambda: _paragraph("测试正文：安全生产责任制。"))


class PlanPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlanPage

    title = factory.Sequence(lambda n: f"测试应急预案{n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    level = PlanLevel.SPECIAL
    plan_class = PlanClass.NATURAL
    department = "郑州市应急管理局"
    issued_on = dt.date(2024, 1, 1)
    body = factory.LazyFunction(lambda: _paragraph("预案正文。"))


class DrillPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DrillPage

    title = factory.Sequence(lambda n: f"测试演练{n}")
    slug = factory.Sequence(lambda n: f"drill-{n}")
    drilled_on = dt.date(2025, 6, 1)
    organiser = "郑州市防汛抗旱指挥部"
    scenario = "模拟暴雨内涝。"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"测试安全知识{n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    topic = Topic.EARTHQUAKE
    published_on = dt.date(2025, 5, 12)
    summary = "测试摘要"
    body = factory.LazyFunction(lambda: _paragraph("地震时就近躲避。"))


class ShelterPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ShelterPage

    title = factory.Sequence(lambda n: f"测试避难场所{n}")
    slug = factory.Sequence(lambda n: f"shelter-{n}")
    district = "jinshui"
    address = "金水区测试路1号"
    capacity = 5000
    area = 20000


class DemonstrationSitePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DemonstrationSitePage

    title = factory.Sequence(lambda n: f"测试示范社区{n}")
    slug = factory.Sequence(lambda n: f"site-{n}")
    kind = "national_community"
    district = "erqi"
    year_awarded = 2020
