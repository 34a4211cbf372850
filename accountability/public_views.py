"""The public list of cases under listed supervision (挂牌督办). It shows only what the
bureau publishes: notice number, enterprise name, district, hazard title, listing date,
deadline and status of cases an editor marked "show on public list"."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .models import SupervisionCase


def supervision_cases(request):
    cases = (
        SupervisionCase.objects.filter(is_public=True, archived=False)
        .select_related("enterprise__jurisdiction__parent")
        .order_by("status", "-listed_on")
    )
    status = request.GET.get("status", "")
    if status == "open":
        cases = cases.open()
    elif status == "closed":
        cases = cases.filter(status=SupervisionCase.CLOSED)
    page = Paginator(cases, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "accountability/public/supervision_cases.html",
        {"page_obj": page, "status": status},
    )
