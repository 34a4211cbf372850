"""The staff statistics view in the Wagtail admin (宣传统计): reach per campaign, channel and
district, year over year, and quiz participation. Only for users with the permission
campaigns.view_campaign_statistics (both campaign groups have it)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.core.charts import phone_bar_chart

from .models import CampaignPage
from .services import quiz as quiz_service
from .services import stats
from .views import campaign_context

PERMISSION = "campaigns.view_campaign_statistics"


def statistics(request, page_id=None):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    campaigns = CampaignPage.objects.live().select_related("kind").order_by("-year", "-start_date")
    yoy = stats.year_over_year(CampaignPage.objects.live())
    context = {
        "campaigns": campaigns,
        "yoy_rows": yoy,
        "yoy_chart": phone_bar_chart(yoy, _("People reached per campaign and year")),
    }
    if page_id is not None:
        page = get_object_or_404(CampaignPage.objects.live(), pk=page_id)
        context.update(campaign_context(page))
        context["selected"] = page
        context["quiz"] = quiz_service.participation(page)
    else:
        context["campaigns"] = stats.with_totals(campaigns)
    context["page_title"] = _("Campaign statistics")
    return TemplateResponse(request, "campaigns/admin/statistics.html", context)
