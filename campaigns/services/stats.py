"""Reach statistics. Every figure is a sum over activity records, so a total always equals
the sum of the records it covers (the tests check exactly that). For a live campaign the
database adds them up in one grouped query (a few hundred rows at most, whatever the number
of activities); in a preview the draft's records exist only in memory and are added up in
Python the same way, so the preview shows the figures to approve."""

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from campaigns.models import CampaignActivity, CampaignKind, CampaignPage, Channel, Mode
from portal.core import sitememo
from portal.core.districts import CITYWIDE, DistrictOrCitywide


@dataclass
class Row:
    key: str
    label: str
    value: int
    count: int


@dataclass
class Reach:
    """A campaign's figures: totals, the three breakdowns, and how many activities are
    still to come (they end now or later)."""

    totals: dict
    by_channel: list[Row]
    by_district: list[Row]
    by_mode: list[Row]
    upcoming: int


GROUP_FIELDS = ("channel", "district", "mode")


def _rows(groups, field, choices) -> list[Row]:
    labels = dict(choices)
    reached, counts = defaultdict(int), defaultdict(int)
    for group in groups:
        key = group[field]
        reached[key] += group["reached"]
        counts[key] += group["n"]
    keys = sorted(reached, key=lambda k: (-reached[k], k))
    return [Row(k, str(labels.get(k, k)), reached[k], counts[k]) for k in keys]


def district_chart_rows(rows: list[Row]) -> list[Row]:
    """The rows a by-district chart draws: citywide (全市) activities reach far more people
    than any one district and would shrink every district bar to a hairline on a shared
    scale, so the chart leaves them out (the table under it keeps them)."""
    return [r for r in rows if r.key != CITYWIDE]


def activities_for(page: CampaignPage):
    """The page's activities as the page object holds them: a queryset of the published
    records for a live page, the draft's records (in memory) in a preview."""
    return page.activities.all()


def _groups(page: CampaignPage, now) -> list[dict]:
    """Sums per (channel, district, mode): at most channels × places × modes rows (about
    200), so everything derived from them costs the same for 10 or 10,000 activities."""
    activities = activities_for(page)
    if isinstance(activities, QuerySet):
        return list(
            activities.order_by()
            .values(*GROUP_FIELDS)
            .annotate(
                reached=Sum("people_reached"),
                n=Count("pk"),
                upcoming=Count("pk", filter=Q(end__gte=now)),
            )
        )
    groups = {}
    for a in activities:
        _add(groups, (a.channel, a.district, a.mode), a.people_reached, a.end, now)
    return list(groups.values())


def _add(groups: dict, key: tuple, reached, end, now) -> None:
    group = groups.setdefault(
        key, dict(zip(GROUP_FIELDS, key, strict=True), reached=0, n=0, upcoming=0)
    )
    group["reached"] += reached or 0
    group["n"] += 1
    group["upcoming"] += end is not None and end >= now


def _reach_from(groups: list[dict], upcoming: int) -> Reach:
    return Reach(
        totals={
            "reached": sum(g["reached"] or 0 for g in groups),
            "activities": sum(g["n"] for g in groups),
            "online": sum(g["reached"] or 0 for g in groups if g["mode"] == Mode.ONLINE),
        },
        by_channel=_rows(groups, "channel", Channel.choices),
        by_district=_rows(groups, "district", DistrictOrCitywide.choices),
        by_mode=_rows(groups, "mode", Mode.choices),
        upcoming=upcoming,
    )


def reach(page: CampaignPage, now=None) -> Reach:
    """All figures of one campaign from one pass over its records."""
    groups = _groups(page, now or timezone.now())
    return _reach_from(groups, sum(g["upcoming"] for g in groups))


@dataclass(frozen=True)
class Records:
    """What the public page needs of a campaign's records, whatever the time: the sums
    per group (without "still to come"), every end time sorted, and (id, end) in
    calendar order (start, id)."""

    groups: list[dict]
    ends: list
    order: list[tuple]

    def upcoming(self, now) -> int:
        return len(self.ends) - bisect_left(self.ends, now)

    def calendar_ids(self, now, size: int) -> list[int]:
        """The ids the calendar lists: the next ``size`` activities still to come (they
        end now or later) while some are, otherwise the first ``size``."""
        if self.upcoming(now):
            return [pk for pk, end in self.order if end is not None and end >= now][:size]
        return [pk for pk, _end in self.order[:size]]


def public_records(page: CampaignPage, request=None) -> Records | None:
    """:class:`Records` of a live campaign, read with one query and remembered by each
    worker for the current site generation (its activities are saved with the page, and
    every publish starts a new one); None for a preview, whose records are in memory.
    Only the time-dependent parts (what is still to come) are worked out per view."""
    activities = activities_for(page)
    if not isinstance(activities, QuerySet):
        return None

    def load():
        rows = activities.order_by("start", "pk").values_list(
            "pk", "end", *GROUP_FIELDS, "people_reached"
        )
        groups, order = {}, []
        for pk, end, channel, district, mode, reached in rows:
            _add(groups, (channel, district, mode), reached, None, None)
            order.append((pk, end))
        ends = sorted(end for _pk, end in order if end is not None)
        return Records(list(groups.values()), ends, order)

    return sitememo.remember(("campaign_records", page.pk), load, request)


def public_reach(page: CampaignPage, now, request=None) -> tuple[Reach, Records | None]:
    """:func:`reach` for the public page, from :func:`public_records` when the page is
    live (the same figures: sums of the same records)."""
    records = public_records(page, request)
    if records is None:
        return reach(page, now), None
    return _reach_from(records.groups, records.upcoming(now)), records


def _activity_sum(value, **filters):
    """``value`` (a Sum or Count) over the activities of each campaign row, as a correlated
    subquery: no GROUP BY over the page's columns (on SQLite that sorted every row with its
    body text), and the page_id index finds each campaign's activities."""
    rows = (
        CampaignActivity.objects.filter(page=OuterRef("pk"), **filters)
        .order_by()
        .values("page")
        .annotate(v=value)
        .values("v")
    )
    return Coalesce(Subquery(rows), 0)


def with_totals(campaigns):
    """The campaigns queryset with ``totals`` computed in the same query (for lists): the
    same three figures as :func:`reach`'s totals, as database sums of the records."""
    annotated = campaigns.annotate(
        t_reached=_activity_sum(Sum("people_reached")),
        t_activities=_activity_sum(Count("pk")),
        t_online=_activity_sum(Sum("people_reached"), mode=Mode.ONLINE),
    )
    result = []
    for campaign in annotated:
        campaign.totals = {
            "reached": campaign.t_reached,
            "activities": campaign.t_activities,
            "online": campaign.t_online,
        }
        result.append(campaign)
    return result


def year_over_year(campaigns, kind=None) -> list[Row]:
    """One row per campaign (oldest first): its year, kind and total reach. ``campaigns`` is
    a CampaignPage queryset (live ones for the public, all for staff)."""
    if kind is not None:
        campaigns = campaigns.filter(kind=kind)
    # Grouped by the few columns read (values() before annotate()), never by the page's
    # text columns.
    rows = (
        campaigns.order_by("kind__sort_order", "year", "pk")
        .values("pk", "year", "kind__name")
        .annotate(reached=Sum("activities__people_reached"), n=Count("activities"))
        .values_list("pk", "year", "kind__name", "reached", "n")
    )
    return [Row(str(pk), f"{year} {kind}", reached or 0, n) for pk, year, kind, reached, n in rows]


def public_year_over_year(page: CampaignPage, request=None) -> list[Row]:
    """:func:`year_over_year` of the live public campaigns of ``page``'s kind in its
    section, as every campaign page of that kind shows it. Remembered by each worker for
    the current site generation (``portal.core.sitememo``): publishing, unpublishing or
    moving a campaign, and its activities (saved with its page), start a new one. The rows
    are shared: callers read them and never change them."""
    key = ("campaign_year_over_year", page.path[: -page.steplen], page.depth, page.kind_id)
    return sitememo.remember(
        key, lambda: year_over_year(page.campaigns_beside(), kind=page.kind_id), request
    )


def kinds(request=None) -> dict[int, CampaignKind]:
    """Every campaign kind by id, remembered per site generation (kinds are snippets: a
    save starts a new one). Shared instances: read them, never change them."""
    return sitememo.remember(
        "campaign_kinds", lambda: {k.pk: k for k in CampaignKind.objects.all()}, request
    )
