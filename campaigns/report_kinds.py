"""The campaign summary report (PDF): reach by channel, district and mode, year over year
against earlier campaigns of the same kind, the activity list and quiz participation."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.charts import bar_chart
from reports.registry import ReportKind

from .models import CampaignActivity, CampaignPage, Channel
from .services import quiz as quiz_service
from .services import stats


def _campaign(value) -> CampaignPage:
    value = str(value or "").strip()
    live = CampaignPage.objects.live().select_related("kind")
    page = live.filter(pk=int(value)).first() if value.isdigit() else None
    page = page or live.filter(slug=value).first()
    if page is None:
        raise ValueError(_("No published campaign “%(value)s”.") % {"value": value})
    return page


def _start_label(start) -> str:
    """Activity start as official documents print it: 5月12日 09:00."""
    return f"{start.month}月{start.day}日 {start:%H:%M}"


def _change(current: int, previous: int | None) -> str:
    if not previous:
        return "—"
    return f"{(current - previous) * 100 / previous:+.1f}%"


class CampaignSummaryReport(ReportKind):
    name = "campaign-summary"
    label = gettext_lazy("Campaign summary")
    description = gettext_lazy(
        "Reach of one campaign by channel and district, compared with earlier years."
    )
    template = "campaigns/reports/campaign_summary.html"
    permission = "campaigns.view_campaign_statistics"

    def reference_code(self) -> str:
        return "宣"

    def add_arguments(self, parser) -> None:
        parser.add_argument("campaign", help="Slug or id of the published campaign page.")

    def form_fields(self, user) -> dict:
        choices = [
            (str(p.pk), p.title)
            for p in CampaignPage.objects.live().order_by("-year", "-start_date")
        ]
        return {"campaign": forms.ChoiceField(label=_("Campaign"), choices=choices)}

    def clean_params(self, params: dict) -> dict:
        return {"campaign": _campaign(params.get("campaign")).pk}

    def title(self, params: dict) -> str:
        page = CampaignPage.objects.filter(pk=params.get("campaign")).first()
        return _("%(title)s: summary report") % {"title": page.title} if page else str(self.label)

    def filename(self, params: dict) -> str:
        return f"campaign-summary-{params.get('campaign')}.pdf"

    def context(self, params: dict, user, progress) -> dict:
        page = _campaign(params["campaign"])
        reach = stats.reach(page)
        totals, channels, districts = reach.totals, reach.by_channel, reach.by_district
        progress(0.3)
        earlier = CampaignPage.objects.live().filter(kind=page.kind, year__lte=page.year)
        yoy = stats.year_over_year(earlier)
        yoy_rows, previous = [], None
        for row in yoy:
            yoy_rows.append([row.label, row.count, f"{row.value:,}", _change(row.value, previous)])
            previous = row.value
        years = list(earlier.order_by("year").values_list("pk", "year"))
        channel_by_year = []
        for key, label in Channel.choices:
            cells = []
            for pk, _year in years:
                records = CampaignActivity.objects.filter(page_id=pk, channel=key)
                cells.append(f"{sum(records.values_list('people_reached', flat=True)):,}")
            channel_by_year.append([str(label), *cells])
        progress(0.7)
        activities = [
            [
                _start_label(timezone.localtime(a.start)),
                a.title,
                a.get_channel_display(),
                a.get_district_display(),
                a.get_mode_display(),
                f"{a.people_reached:,}",
            ]
            for a in page.activities.all().order_by("start", "pk")
        ]
        return {
            "page": page,
            "totals": totals,
            "offline": totals["reached"] - totals["online"],
            "channel_chart": bar_chart([(r.label, r.value) for r in channels]),
            "channel_rows": [[r.label, r.count, f"{r.value:,}"] for r in channels],
            "district_chart": bar_chart(
                [(r.label, r.value) for r in stats.district_chart_rows(districts)]
            ),
            "district_rows": [[r.label, r.count, f"{r.value:,}"] for r in districts],
            "yoy_chart": bar_chart([(r.label, r.value) for r in yoy]) if len(yoy) > 1 else "",
            "yoy_rows": yoy_rows,
            "year_headers": [str(y) for _pk, y in years],
            "channel_by_year": channel_by_year,
            "activities": activities,
            "quiz": quiz_service.participation(page),
        }
