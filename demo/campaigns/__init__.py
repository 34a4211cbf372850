"""Demo content: the 宣传活动 section with the 2025 and 2026 "5·12" weeks and 安全生产月,
a current winter fire-safety campaign with upcoming activities, materials, quizzes and
anonymous quiz results. Idempotent: pages are found by slug and updated."""

import datetime as dt
import random

from django.utils import timezone
from wagtail.models import Page

from campaigns.models import (
    CampaignActivity,
    CampaignNewsItem,
    CampaignPage,
    QuizAnswer,
    QuizQuestion,
    QuizSubmission,
)
from campaigns.services.desk import EDITORS, REVIEWERS
from campaigns.setup import kinds as activity_kinds
from campaigns.setup import section
from portal.home.models import HomePage

from ..accounts import demo_account
from . import assets
from .activities import ACTIVITIES
from .data import (
    BODY,
    CAMPAIGNS,
    ORGANISERS_512,
    ORGANISERS_JUNE,
)
from .quiz import QUIZ_512, QUIZ_JUNE

ORDER = 20
GROWTH = {2025: 1.0, 2026: 1.07}
WINTER_ACTIVITIES = [
    (
        "“119”消防宣传月回顾网络展播",
        "other",
        "online",
        "citywide",
        "官方视频号",
        -20,
        19,
        2,
        "市消防安全应急指挥部办公室",
        152000,
        "回顾11月消防宣传月各项活动。",
    ),
    (
        "高层住宅消防安全入户宣传",
        "family",
        "offline",
        "jinshui",
        "金水区高层住宅小区",
        2,
        9,
        4,
        "金水区消防安全委员会",
        0,
        "检查电动自行车停放充电和楼道杂物。",
    ),
    (
        "农村冬季取暖防火宣讲",
        "countryside",
        "offline",
        "zhongmu",
        "中牟县乡镇文化站",
        5,
        9,
        3,
        "中牟县应急管理局",
        0,
        "讲解煤炉、电暖器使用和一氧化碳中毒预防。",
    ),
    (
        "校园寒假前消防安全课",
        "school",
        "offline",
        "erqi",
        "二七区中小学",
        9,
        14,
        2,
        "二七区教育局、消防救援大队",
        0,
        "寒假前安全教育，演示灭火毯和灭火器。",
    ),
    (
        "商场消防疏散演练",
        "enterprise",
        "offline",
        "zhengdong",
        "郑东新区大型商场",
        14,
        8,
        2,
        "郑东新区应急管理局",
        0,
        "营业前组织员工和消防志愿者疏散演练。",
    ),
    (
        "社区微型消防站开放日",
        "community",
        "offline",
        "guancheng",
        "管城回族区社区微型消防站",
        20,
        9,
        5,
        "管城回族区消防救援大队",
        0,
        "居民体验消防装备，学习初起火灾扑救。",
    ),
]


def _index(home):
    index = section(home)
    index.save_revision().publish()
    return index


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _activities(rows, start_day, factor=1.0):
    items = []
    for (
        title,
        channel,
        mode,
        district,
        venue,
        offset,
        hour,
        hours,
        organiser,
        reached,
        desc,
    ) in rows:
        start = _aware(start_day + dt.timedelta(days=offset), hour)
        items.append(
            CampaignActivity(
                title=title,
                channel=channel,
                mode=mode,
                district=district,
                venue=venue,
                start=start,
                end=start + dt.timedelta(hours=hours),
                organiser=organiser,
                description=desc,
                people_reached=round(reached * factor),
            )
        )
    return items


def _questions(rows):
    questions = []
    for kind, text, options, correct, explanation in rows:
        options = [*options, "", "", "", ""][:4]
        questions.append(
            QuizQuestion(
                kind=kind,
                text=text,
                option_a=options[0],
                option_b=options[1],
                option_c=options[2],
                option_d=options[3],
                correct=correct,
                explanation=explanation,
            )
        )
    return questions


def _page(index, slug, kind, defaults):
    page = CampaignPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = CampaignPage(slug=slug, kind=kind, **defaults)
        index.add_child(instance=page)
        page = CampaignPage.objects.get(pk=page.pk)
    for field, value in defaults.items():
        setattr(page, field, value)
    page.kind = kind
    return page


def _materials(key, kind_slug, title, theme, messages):
    poster = assets.poster(key, kind_slug, title, theme, messages)
    leaflet = assets.leaflet(key, kind_slug, title, messages, [theme, *messages])
    return [
        {
            "type": "poster",
            "value": {
                "image": poster.pk,
                "title": "主题宣传海报",
                "description": "可下载打印张贴。",
            },
        },
        {
            "type": "document",
            "value": {
                "document": leaflet.pk,
                "title": "宣传折页（PDF）",
                "description": "两页，适合双面打印。",
            },
        },
    ]


def _campaign(index, kinds, spec):
    slug, kind_slug, year, title, theme, start, end, summary, messages = spec
    start_day, end_day = dt.date(*start), dt.date(*end)
    page = _page(
        index,
        slug,
        kinds[kind_slug],
        {
            "title": title,
            "year": year,
            "theme": theme,
            "start_date": start_day,
            "end_date": end_day,
            "organisers": ORGANISERS_512
            if kind_slug == "disaster-reduction-day"
            else ORGANISERS_JUNE,
            "summary": summary,
        },
    )
    page.banner = assets.banner(slug, kind_slug, title, theme)
    page.key_messages = [{"type": "message", "value": m} for m in messages]
    page.body = [{"type": "paragraph", "value": BODY[kind_slug]}]
    page.materials = _materials(slug, kind_slug, title, theme, messages)
    page.activities = _activities(ACTIVITIES[kind_slug], start_day, GROWTH.get(year, 1.0))
    page.news = [
        CampaignNewsItem(
            date=start_day, title=f"{title}正式启动", text=f"活动以“{theme}”为主题，全市同步开展。"
        ),
        CampaignNewsItem(
            date=end_day,
            title=f"{title}圆满结束",
            text="各地累计开展线上线下活动，覆盖人次超过一百万。",
        ),
    ]
    if year == 2026 and not page.quiz_questions.exists():
        page.quiz_questions = _questions(
            QUIZ_512 if kind_slug == "disaster-reduction-day" else QUIZ_JUNE
        )
    page.quiz_enabled = year == 2026
    page.quiz_intro = "共{}道题，包括单选、多选和判断题。提交后显示得分和每题解析，无需登录，不收集个人信息。".format(
        len(QUIZ_512 if kind_slug == "disaster-reduction-day" else QUIZ_JUNE)
    )
    page.save_revision().publish()
    return CampaignPage.objects.get(pk=page.pk)


def _winter(index, kinds):
    today = timezone.localdate()
    start_day = today - dt.timedelta(days=28)
    title = f"{today.year}年冬春火灾防控宣传"
    theme = "防范火灾风险 守护平安冬春"
    messages = [
        "电动自行车不进楼入户、不私拉电线充电。",
        "冬季取暖注意通风，谨防一氧化碳中毒。",
        "发现火情立即拨打119。",
    ]
    page = _page(
        index,
        "winter-fire-safety",
        kinds["winter-fire-safety"],
        {
            "title": title,
            "year": today.year,
            "theme": theme,
            "start_date": start_day,
            "end_date": today + dt.timedelta(days=60),
            "organisers": "郑州市消防安全应急指挥部办公室、郑州市应急管理局、市消防救援支队",
            "summary": "入冬以来火灾风险上升，全市开展冬春火灾防控宣传，重点关注电动自行车、取暖用火和人员密集场所。",
        },
    )
    page.key_messages = [{"type": "message", "value": m} for m in messages]
    page.banner = assets.banner("winter", "winter-fire-safety", title, theme)
    page.materials = _materials("winter", "winter-fire-safety", title, theme, messages)
    page.activities = _activities(WINTER_ACTIVITIES, today)
    page.save_revision().publish()


def _submissions(page, count, seed):
    """Anonymous example results so the staff statistics are not empty."""
    if QuizSubmission.objects.filter(page=page).exists():
        return
    rng = random.Random(seed)
    questions = list(page.quiz_questions.all())
    for i in range(count):
        right = [rng.random() < 0.55 + 0.4 * (j % 3) / 3 for j in range(len(questions))]
        submission = QuizSubmission.objects.create(
            page=page,
            submitted_on=page.start_date + dt.timedelta(days=i % 7),
            correct_count=sum(right),
            question_count=len(questions),
        )
        QuizAnswer.objects.bulk_create(
            QuizAnswer(submission=submission, question=q, is_correct=ok)
            for q, ok in zip(questions, right, strict=True)
        )


def load(stdout):
    home = HomePage.objects.first() or Page.objects.filter(depth=2).first().specific
    index = _index(home)
    kinds = activity_kinds()
    for seed, spec in enumerate(CAMPAIGNS):
        page = _campaign(index, kinds, spec)
        if page.quiz_enabled:
            _submissions(page, 60, seed)
    _winter(index, kinds)
    _accounts()
    stdout.write("  campaigns: 5 campaigns, activities, materials, quizzes")


def _accounts():
    """Demo accounts for the campaign desk's two roles (writer and reviewer)."""
    demo_account("campaign_editor", EDITORS)
    demo_account("campaign_reviewer", REVIEWERS)
