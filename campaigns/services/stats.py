"""Reach statistics. Every figure is a sum over activity records (in Python for one campaign,
so previews show draft figures; a database SUM across campaigns), so a total always equals
the sum of the records it covers (the tests check exactly that)."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from campaigns.models import CampaignPage, Channel, Mode
from portal.core.districts import CITYWIDE, DistrictOrCitywide


@dataclass
class Row:
    key: str
    label: str
    value: int
    count: int


def _rows(activities, field, choices) -> list[Row]:
    labels = dict(choices)
    reached, counts = {}, {}
    for activity in activities:
        key = getattr(activity, field)
        reached[key] = reached.get(key, 0) + activity.people_reached
        counts[key] = counts.get(key, 0) + 1
    keys = sorted(reached, key=lambda k: (-reached[k], k))
    return [Row(k, str(labels.get(k, k)), reached[k], counts[k]) for k in keys]


def district_chart_rows(rows: list[Row]) -> list[Row]:
    """The rows a by-district chart draws: citywide (全市) activities reach far more people
    than any one district and would shrink every district bar to a hairline on a shared
    scale, so the chart leaves them out (the table under it keeps them)."""
    return [r for r in rows if r.key != CITYWIDE]


def activities_for(page: CampaignPage) -> list:
    """The page's activities as the page object holds them: the published records for a live
    page, the draft's records in a preview (so the preview shows the figures to approve)."""
    return list(page.activities.all())


def campaign_totals(page: CampaignPage) -> dict:
    """Total people reached, number of activities, and the online part."""
    activities = activities_for(page)
    return {
        "reached": sum(a.people_reached for a in activities),
        "activities": len(activities),
        "online": sum(a.people_reached for a in activities if a.mode == Mode.ONLINE),
    }


def with_totals(campaigns):
    """The campaigns queryset with ``totals`` computed in the same query (for lists): the
    same three figures as :func:`campaign_totals`, as database sums of the records."""
    annotated = campaigns.annotate(
        t_reached=Sum("activities__people_reached"),
        t_activities=Count("activities"),
        t_online=Sum("activities__people_reached", filter=Q(activities__mode=Mode.ONLINE)),
    )
    result = []
    for campaign in annotated:
        campaign.totals = {
            "reached": campaign.t_reached or 0,
            "activities": campaign.t_activities,
            "online": campaign.t_online or 0,
        }
        result.append(campaign)
    return result


def by_channel(page: CampaignPage) -> list[Row]:
    return _rows(activities_for(page), "channel", Channel.choices)


def by_district(page: CampaignPage) -> list[Row]:
    return _rows(activities_for(page), "district", DistrictOrCitywide.choices)


def by_mode(page: CampaignPage) -> list[Row]:
    return _rows(activities_for(page), "mode", Mode.choices)


def year_over_year(campaigns, kind=None) -> list[Row]:
    """One row per campaign (oldest first): its year, kind and total reach. ``campaigns`` is
    a CampaignPage queryset (live ones for the public, all for staff)."""
    if kind is not None:
        campaigns = campaigns.filter(kind=kind)
    campaigns = campaigns.annotate(
        reached=Sum("activities__people_reached"), n=Count("activities")
    ).order_by("kind__sort_order", "year", "pk")
    return [
        Row(str(c.pk), f"{c.year} {c.kind.name}", c.reached or 0, c.n)
        for c in campaigns.select_related("kind")
    ]
