"""Benchmark data: ``manage.py generate_synthetic --activities N`` spreads N activities over
synthetic campaigns (two kinds × ten years, slugs ``syn-…``). Idempotent: running it again
only tops the count up. Activities are written straight to the database (no page
revisions), so these campaigns are for load testing, not for editing."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from campaigns.models import (
    CampaignActivity,
    CampaignIndexPage,
    CampaignKind,
    CampaignPage,
    Channel,
    Mode,
)
from portal.core.districts import DistrictOrCitywide

ORDER = 60
YEARS = range(2015, 2025)
BATCH = 2000
TITLES = [
    "应急科普讲座",
    "疏散演练",
    "安全咨询日",
    "线上答题",
    "警示教育",
    "隐患排查宣讲",
    "应急救护培训",
]


def _campaigns(index):
    kinds = list(CampaignKind.objects.filter(slug__in=["disaster-reduction-day", "safety-month"]))
    pages = []
    for kind in kinds:
        for year in YEARS:
            slug = f"syn-{kind.slug}-{year}"
            page = CampaignPage.objects.child_of(index).filter(slug=slug).first()
            if page is None:
                month = 5 if kind.slug == "disaster-reduction-day" else 6
                page = CampaignPage(
                    title=f"{year}年{kind.name}（合成数据）",
                    slug=slug,
                    kind=kind,
                    year=year,
                    theme="人人讲安全、个个会应急",
                    start_date=dt.date(year, month, 1),
                    end_date=dt.date(year, month, 28),
                    organisers="郑州市应急管理局",
                )
                index.add_child(instance=page)
                page.save_revision().publish()
            pages.append(page)
    return pages


def generate(options, stdout):
    wanted = int(options.get("activities") or 0)
    index = CampaignIndexPage.objects.first()
    if wanted <= 0 or index is None:
        if wanted > 0:
            stdout.write("  campaigns: no campaign index page (load the demo first); skipped")
        return
    rng = random.Random(options.get("seed", 0))
    pages = _campaigns(index)
    existing = CampaignActivity.objects.filter(page__in=pages).count()
    missing = max(0, wanted - existing)
    channels, districts, modes = Channel.values, DistrictOrCitywide.values, Mode.values
    for start in range(0, missing, BATCH):
        rows = []
        for n in range(start, min(missing, start + BATCH)):
            page = pages[(existing + n) % len(pages)]
            begin = timezone.make_aware(
                dt.datetime.combine(page.start_date, dt.time(9))
                + dt.timedelta(days=rng.randint(0, 27), hours=rng.randint(0, 9))
            )
            mode = rng.choice(modes)
            rows.append(
                CampaignActivity(
                    page=page,
                    sort_order=existing + n,
                    title=f"{rng.choice(TITLES)}（合成{existing + n}）",
                    channel=rng.choice(channels),
                    mode=mode,
                    district=rng.choice(districts),
                    venue="合成数据",
                    start=begin,
                    end=begin + dt.timedelta(hours=rng.randint(1, 4)),
                    organiser="合成数据",
                    people_reached=rng.randint(1000, 200000)
                    if mode == Mode.ONLINE
                    else rng.randint(20, 3000),
                )
            )
        with transaction.atomic():
            CampaignActivity.objects.bulk_create(rows)
    stdout.write(f"  campaigns: {missing} synthetic activities ({existing} already there)")
