"""Public views of the campaign section (called from the RoutablePage routes)."""

import datetime as dt
from functools import partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core import baseurl, sitememo
from portal.core.charts import phone_bar_chart
from portal.core.districts import DistrictOrCitywide, normalise_query

from . import ical
from .forms import ActivityFilterForm
from .models import CampaignActivity, CampaignIndexPage, CampaignPage
from .services import quiz as quiz_service
from .services import stats

PER_PAGE = 20
# Activities listed on a campaign page (the rest are on the activity list).
CALENDAR_SIZE = 10
# Calendars (the listed activities of a campaign page) kept per worker: campaigns × the
# calendars each shows over a generation (one more each time an activity ends).
CALENDARS_KEPT = 64


# Page fields a list of activities never prints: left unread (StreamFields are parsed on load).
HEAVY_PAGE_FIELDS = ("page__body", "page__materials", "page__key_messages")


def _published_activities(index, campaigns=None):
    """The activities of the live, public campaigns (``index.campaigns()``, or the same
    queryset already built: each one reads the view restrictions once)."""
    campaigns = index.campaigns() if campaigns is None else campaigns
    return (
        CampaignActivity.objects.filter(page__in=campaigns.values("pk"))
        .select_related("page")
        .defer(*HEAVY_PAGE_FIELDS)
    )


def _years(activities) -> list[int]:
    """Years to filter by, newest first: from the first to the last activity's year (two
    index lookups, where listing the distinct years read every activity)."""
    bounds = activities.aggregate(first=Min("start"), last=Max("start"))
    if bounds["first"] is None:
        return []
    first, last = (timezone.localtime(bounds[k]).year for k in ("first", "last"))
    return list(range(last, first - 1, -1))


def campaign_index(request, index, year=None):
    live = index.campaigns()
    years = sorted(set(live.values_list("year", flat=True)), reverse=True)
    if year is not None and year not in years:
        raise Http404(_("No campaigns in this year."))
    shown_year = year if year is not None else (years[0] if years else None)
    cards = live.filter(year=shown_year).order_by("-year", "-start_date")
    # The cards print a few fields: the StreamFields are not loaded (they are parsed on load).
    shown = stats.with_totals(cards.defer("body", "materials", "key_messages"))
    yoy = stats.year_over_year(live)
    upcoming = _published_activities(index, live).upcoming().order_by("start")[:5]
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


def _filtered(index, request, rendered=True):
    """The filter form and the activities it selects. The year and campaign choices cost
    two queries: read only when the form is shown (``rendered``) or has data to check."""
    live = index.campaigns()
    activities = _published_activities(index, live)
    query = normalise_query(request.GET, choices=DistrictOrCitywide)
    years, campaigns = (), ()
    if rendered or query:
        years = _years(activities)
        campaigns = live.order_by("-year", "-start_date").values_list("slug", "title")
    form = ActivityFilterForm(query or None, years=years, campaigns=campaigns)
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
        if data["campaign"]:
            activities = activities.filter(page__slug=data["campaign"])
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
        context_overrides={"form": form, "page_obj": page_obj, "total": page_obj.paginator.count},
    )


def activity_ical(request):
    """Upcoming activities as an iCalendar feed (optionally filtered like the listing)."""
    index = CampaignIndexPage.objects.live().public().first()
    if index is None:
        raise Http404(_("The campaign section has not been published."))
    form, activities = _filtered(index, request, rendered=False)
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


def campaign_context(page: CampaignPage, reach: stats.Reach | None = None) -> dict:
    """Figures and charts of one campaign, shared by the public page and the admin view.
    The charts are drawn when a template shows them (templates call what they are given):
    the public page keeps its reach section and does not draw them again."""
    reach = reach or stats.reach(page)
    return {
        "totals": reach.totals,
        "channel_rows": reach.by_channel,
        "district_rows": reach.by_district,
        "mode_rows": reach.by_mode,
        "channel_chart": partial(phone_bar_chart, reach.by_channel, _("People reached by channel")),
        # Citywide activities would shrink every district bar to a hairline: the chart
        # leaves them out, the table under it keeps them.
        "district_chart": partial(
            phone_bar_chart,
            stats.district_chart_rows(reach.by_district),
            _("People reached by district"),
        ),
    }


def calendar(page: CampaignPage, reach: stats.Reach, now=None, records=None, request=None) -> list:
    """The activities the campaign page lists, at most ``CALENDAR_SIZE``: the next ones
    while some are still to come, otherwise the campaign's first ones. A campaign may have
    hundreds; the full list, with filters, is one link away (:func:`activity_list`).
    ``records``: :func:`stats.public_records` of a live page (which ids to list); the
    listed activities are then kept in the worker's memory until one of them ends or the
    site changes (activities are saved with their page), as building them costs more
    than the rest of the page's data."""
    now = now or timezone.now()
    activities = stats.activities_for(page)
    if records is not None:
        ids = records.calendar_ids(now, CALENDAR_SIZE)

        def load():
            return list(activities.filter(pk__in=ids).order_by("start", "pk"))

        key = (page.pk, tuple(ids))
        kept = sitememo.recently_used("campaign_calendars", key, load, CALENDARS_KEPT, request)
        return list(kept)
    if reach.upcoming:
        activities = activities.filter(end__gte=now)
    return list(activities.order_by("start", "pk")[:CALENDAR_SIZE])


def _index_url(page: CampaignPage, request) -> str:
    """The campaign index's URL. A page's URL is its parent's plus ``<slug>/`` (Wagtail's
    url_path), so the parent need not be loaded; a preview of a page never saved falls
    back to loading it."""
    url = page.get_url(request)
    suffix = f"{page.slug}/"
    if url and url.endswith(suffix):
        return url[: -len(suffix)]
    return page.get_parent().get_url(request)


def _campaign_activities_url(index_url: str, page: CampaignPage) -> str:
    """The activity list filtered to this campaign."""
    path = CampaignIndexPage.get_resolver().reverse("activities_view")
    return f"{index_url}{path}?{urlencode({'campaign': page.slug})}"


def campaign_detail(request, page: CampaignPage):
    now = timezone.now()
    kind = stats.kinds(request).get(page.kind_id)
    if kind is not None:
        page.kind = kind  # the template reads page.kind: no query for it
    reach, records = stats.public_reach(page, now, request)
    context = campaign_context(page, reach)
    yoy = stats.public_year_over_year(page, request)
    shown = calendar(page, reach, now, records, request)
    index_url = _index_url(page, request)
    context.update(
        {
            "activities": shown,
            "upcoming_count": reach.upcoming,
            "more_activities": reach.totals["activities"] > len(shown),
            "index_url": index_url,
            "activities_url": _campaign_activities_url(index_url, page),
            "news": sorted(page.news.all(), key=lambda n: n.date, reverse=True),
            "yoy_rows": yoy,
            "yoy_chart": partial(
                phone_bar_chart,
                yoy,
                _("%(kind)s: people reached year by year") % {"kind": page.kind.name},
            )
            if len(yoy) > 1
            else "",
            "quiz_open": page.quiz_enabled and quiz_service.has_questions(page),
        }
    )
    return page.render(request, template="campaigns/campaign_page.html", context_overrides=context)
