"""The public side of tip-offs (安全生产举报): the report form and the receipt-code lookup.

Nothing of the tracker shows here: the lookup answers with the status, the dates and the
public reply of the one report whose code was typed, never its text, the reporter's data
or anything about other reports. Both forms are rate-limited per address (the address is
never stored, see portal.security.ratelimit) and answer 429 with a Chinese page."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from portal.security import ratelimit

from .services import tipoffs
from .tipoff_forms import LookupForm, TipoffForm


def _window():
    return getattr(settings, "TIPOFF_RATE_WINDOW", 3600)


def _limited(request):
    minutes = max(1, _window() // 60)
    return render(request, "accountability/public/tipoff_limited.html", {"minutes": minutes},
                  status=429)  # fmt: skip


@never_cache
def report(request):
    """安全生产举报: GET shows the form; a valid POST files the tip-off and shows the code."""
    if request.method == "POST":
        limit = getattr(settings, "TIPOFF_RATE_LIMIT", 5)
        if not ratelimit.hit(request, "tipoff:file", limit, _window()):
            return _limited(request)
        form = TipoffForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            tipoff, code = tipoffs.file_tipoff(data, data["photos"])
            return render(
                request,
                "accountability/public/tipoff_done.html",
                {"code": tipoffs.format_code(code), "tipoff": tipoff},
            )
    else:
        form = TipoffForm()
    return render(request, "accountability/public/tipoff_form.html", {"form": form})


@never_cache
def status(request):
    """查询办理结果: the reporter types the receipt code (POST, so it stays out of the
    address bar, logs and referrers) and sees what the public may see."""
    found = None
    if request.method == "POST":
        limit = getattr(settings, "TIPOFF_LOOKUP_RATE_LIMIT", 20)
        if not ratelimit.hit(request, "tipoff:lookup", limit, _window()):
            return _limited(request)
        form = LookupForm(request.POST)
        if form.is_valid():
            found = tipoffs.find_by_code(form.cleaned_data["code"])
            if found is None:
                form.add_error("code", tipoffs.not_found_message())
    else:
        form = LookupForm()
    context = {"form": form}
    if found is not None:
        context["result"] = tipoffs.public_view(found)
    return render(request, "accountability/public/tipoff_status.html", context)
