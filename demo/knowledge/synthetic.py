"""Benchmark-sized knowledge content: ``options["documents"]`` regulations and articles.

Pages are appended to the section index pages in bulk (tree paths computed in memory,
search index written in batches at the end), so 10,000 pages take a few minutes. Keys
``syn-<n>`` make a second run skip what already exists. Pages are live without revisions,
like pages created in a data migration."""

import random
import sys

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from knowledge.choices import DocType, Status, Topic
from knowledge.importers.writer import bulk_indexing, index_search
from knowledge.models import ArticleIndexPage, ArticlePage, RegulationIndexPage, RegulationPage
from knowledge.setup import SECTIONS, ensure
from knowledge.treeops import ChildAppender
from portal.home.models import HomePage

ORDER = 10
BATCH = 1000

ISSUERS = [
    "郑州市人民政府",
    "郑州市人民政府办公厅",
    "郑州市应急管理局",
    "郑州市安全生产委员会",
    "郑州市防汛抗旱指挥部",
    "郑州市森林防灭火指挥部",
    "河南省应急管理厅",
]
SUBJECTS = [
    "安全生产",
    "防汛抗旱",
    "森林防火",
    "危险化学品",
    "地震应急",
    "消防安全",
    "应急救援队伍",
    "隐患排查治理",
    "应急物资储备",
    "灾害信息报送",
    "城市内涝",
    "有限空间作业",
    "燃气安全",
]
FORMS = ["管理办法", "实施意见", "工作方案", "通知", "实施细则", "指导意见", "考核办法", "工作规范"]
SENTENCES = [
    "各级各部门要坚持人民至上、生命至上，压实安全生产责任。",
    "生产经营单位应当建立健全全员安全生产责任制，加强隐患排查治理。",
    "突发事件发生后，事发地应急管理部门应当立即组织先期处置并按规定报告。",
    "汛期要加强值班值守，低洼易涝区域提前转移群众。",
    "森林防火期内严禁野外用火，重点林区实行网格化管护。",
    "应急物资实行分级储备，定期轮换，确保关键时刻调得出、用得上。",
    "开展应急演练，检验预案的针对性和可操作性。",
    "加强安全宣传教育，推动安全知识进企业、进农村、进社区、进学校、进家庭。",
]


def _body(rng):
    text = "".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 8)))
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def _sections(stdout):
    home = HomePage.objects.first()
    pages = {}
    for model, slug, title, intro, in_menu in SECTIONS:
        if model in (RegulationIndexPage, ArticleIndexPage):
            pages[model] = model.objects.first() or ensure(home, model, slug, title, intro, in_menu)
    return pages[RegulationIndexPage], pages[ArticleIndexPage]


def generate(options, stdout):
    count = int(options.get("documents") or 0)
    if count <= 0:
        return
    rng = random.Random(options.get("seed", 0))
    regulations, articles = _sections(stdout)
    existing = set(
        RegulationPage.objects.filter(import_key__startswith="syn-").values_list(
            "import_key", flat=True
        )
    )
    existing |= set(
        ArticlePage.objects.filter(import_key__startswith="syn-").values_list(
            "import_key", flat=True
        )
    )
    now = timezone.now()
    created = []
    keys = [f"syn-{n}" for n in range(count) if f"syn-{n}" not in existing]
    bar = tqdm(total=len(keys), unit="页", file=sys.stderr, desc="knowledge")
    with bulk_indexing():
        for start in range(0, len(keys), BATCH):
            with transaction.atomic():
                appenders = {
                    RegulationPage: ChildAppender(regulations),
                    ArticlePage: ChildAppender(articles),
                }
                for key in keys[start : start + BATCH]:
                    page = _page(rng, key, now)
                    appenders[type(page)].place(page)
                    page.save(clean=False)
                    created.append(page)
                    bar.update()
                for appender in appenders.values():
                    appender.finish()
        index_search(created)
    bar.close()
    stdout.write(f"  {len(created)} synthetic knowledge pages ({len(existing)} already there)")


def _page(rng, key, now):
    year = rng.randint(2005, 2025)
    issued = timezone.datetime(year, rng.randint(1, 12), rng.randint(1, 28)).date()
    subject = rng.choice(SUBJECTS)
    number = int(key.split("-")[1])
    common = {
        "import_key": key,
        "slug": key,
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
        "body": _body(rng),
        "topic": rng.choice(Topic.values),
    }
    if rng.random() < 0.7:
        title = f"郑州市{subject}{rng.choice(FORMS)}（第{number}号）"
        return RegulationPage(
            title=title,
            draft_title=title,
            doc_type=rng.choice(DocType.values),
            status=rng.choices(Status.values, weights=[70, 10, 10, 10])[0],
            issuer=rng.choice(ISSUERS),
            doc_number=f"郑应急〔{year}〕{number}号",
            issued_on=issued,
            summary=f"关于{subject}的规定。",
            **common,
        )
    title = f"{subject}安全知识问答（{number}）"
    return ArticlePage(
        title=title, draft_title=title, published_on=issued, summary=f"{subject}常识。", **common
    )
