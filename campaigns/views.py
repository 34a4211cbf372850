"""Public views of the campaign section (called from the RoutablePage routes)."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core import baseurl
from portal.core.charts import phone_bar_chart
from portal.core.districts import DistrictOrCitywide, normalise_query

from . import ical
from .forms import ActivityFilterForm
from .models import CampaignActivity, CampaignIndexPage, CampaignPage
from .services import quiz as quiz_service
from .services import stats

PER_PAGE = 20


def _published_activities(index):
    return (
        CampaignActivity.objects.published()
        .filter(page__in=index.campaigns().values("pk"))
        .select_related("page")
    )


def campaign_index(request, index, year=None):
    campaigns = index.campaigns().order_by("-year", "-start_date")
    years = sorted(set(campaigns.values_list("year", flat=True)), reverse=True)
    if year is not None and year not in years:
        raise Http404(_("No campaigns in this year."))
    shown_year = year if year is not None else (years[0] if years else None)
    shown = stats.with_totals(campaigns.filter(year=shown_year))
    yoy = stats.year_over_year(index.campaigns())
    upcoming = _published_activities(index).upcoming().order_by("start")[:5]
    return index.render(
        request,
        template="campaigns/campaign_index_page.html",
        context_overrides={
            "campaigns": shown,
            "years": years,
            "selected_year": year,
            "latest_year": years[0] if years else None,
            "yoy_rows": yoy,
            "yoy_chart": phone_bar_chart(yoy, _("People reached per campaign and year")),
            "upcoming": upcoming,
        },
    )


def _filtered(index, request):
    activities = _published_activities(index)
    years = sorted({d.year for d in activities.dates("start", "year")}, reverse=True)
    query = normalise_query(request.GET, choices=DistrictOrCitywide)
    form = ActivityFilterForm(query or None, years=years)
    order = "-start"
    if form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        if data["when"] == "upcoming":
            activities, order = activities.filter(end__gte=now), "start"
        elif data["when"] == "past":
            activities = activities.filter(end__lt=now)
        if data["year"]:
            activities = activities.filter(
                start__gte=dt.datetime(data["year"], 1, 1, tzinfo=ical.SHANGHAI),
                start__lt=dt.datetime(data["year"] + 1, 1, 1, tzinfo=ical.SHANGHAI),
            )
        for name in ("district", "channel", "mode"):
            if data[name]:
                activities = activities.filter(**{name: data[name]})
    return form, activities.order_by(order, "pk")


def activity_list(request, index):
    form, activities = _filtered(index, request)
    page_obj = Paginator(activities, PER_PAGE).get_page(request.GET.get("page"))
    return index.render(
        request,
        template="campaigns/activity_list.html",
        context_overrides={"form": form, "page_obj": page_obj, "total": activities.count()},
    )


def activity_ical(request):
    """Upcoming activities as an iCalendar feed (optionally filtered like the listing)."""
    index = CampaignIndexPage.objects.live().public().first()
    if index is None:
        raise Http404(_("The campaign section has not been published."))
    form, activities = _filtered(index, request)
    if form.is_bound and not form.is_valid():
        return JsonResponse(
            {"error": _("Invalid filter."), "fields": form.errors.get_json_data()}, status=400
        )
    activities = activities.upcoming().order_by("start", "pk")
    # UIDs must not change with the Host header (or calendars show every event twice).
    host = baseurl.host()
    events = [
        {
            "uid": f"campaign-activity-{a.pk}",
            "summary": a.title,
            "start": a.start,
            "end": a.end,
            "description": "\n".join(
                filter(None, [a.page.title, a.description, _("Organiser: %s") % a.organiser])
            ),
            "location": " ".join(filter(None, [a.get_district_display(), a.venue])),
            "categories": [a.get_channel_display(), a.get_mode_display()],
            "url": baseurl.absolute(a.page.url, request),
        }
        for a in activities
    ]
    body = ical.calendar(events, name=_("Campaign activities"), host=host)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="campaign-activities.ics"'
    return response


def campaign_context(page: CampaignPage) -> dict:
    """Figures and charts of one campaign, shared by the public page and the admin view."""
    channel_rows = stats.by_channel(page)
    district_rows = stats.by_district(page)
    return {
        "totals": stats.campaign_totals(page),
        "channel_rows": channel_rows,
        "district_rows": district_rows,
        "mode_rows": stats.by_mode(page),
        "channel_chart": phone_bar_chart(channel_rows, _("People reached by channel")),
        # Citywide activities would shrink every district bar to a hairline: the chart
        # leaves them out, the table under it keeps them.
        "district_chart": phone_bar_chart(
            stats.district_chart_rows(district_rows), _("People reached by district")
        ),
    }


def campaign_detail(request, page: CampaignPage):
    context = campaign_context(page)
    siblings = CampaignPage.objects.live().public().sibling_of(page)
    yoy = stats.year_over_year(siblings, kind=page.kind)
    context.update(
        {
            "activities": page.activities.all().order_by("start", "pk"),
            "news": sorted(page.news.all(), key=lambda n: n.date, reverse=True),
            "yoy_rows": yoy,
            "yoy_chart": phone_bar_chart(
                yoy, _("%(kind)s: people reached year by year") % {"kind": page.kind.name}
            )
            if len(yoy) > 1
            else "",
            "quiz_open": page.quiz_enabled and bool(quiz_service.questions_for(page)),
        }
    )
    return page.render(request, template="campaigns/campaign_page.html", context_overrides=context)
